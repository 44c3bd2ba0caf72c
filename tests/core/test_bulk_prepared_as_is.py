"""bulk_create_lean passes a column's value to PostgreSQL as it is only where Django's own
preparation would have returned that same value; every other value still goes through the field."""

from datetime import UTC, datetime

import pytest
from django.db import connection

from tests import factories
from walletdesk.core import bulk
from walletdesk.tickets.models import Message, SlaTarget, Ticket, TicketEvent

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the shortcut is PostgreSQL's")
@pytest.mark.parametrize("model", [Ticket, Message, SlaTarget, TicketEvent])
def test_every_value_taken_as_is_is_what_django_prepares(model):
    factories.default_policies()  # the ticket gets SLA targets
    ticket, _ = factories.ticket()
    objs = {
        Ticket: ticket,
        Message: ticket.messages.first(),
        SlaTarget: ticket.sla_targets.first(),
        TicketEvent: ticket.events.first(),
    }
    obj = objs[model]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    kinds = bulk._ready_kinds(model)
    assert any(kinds), "some columns skip the field's preparation"
    for f, kind in zip(fields, kinds, strict=True):
        value = f.pre_save(obj, False)
        expected = f.get_db_prep_save(value, connection)
        got = bulk._prepared(f, value, kind)
        assert type(got) is type(expected), f.name
        assert getattr(got, "obj", got) == getattr(expected, "obj", expected), f.name  # Jsonb


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the shortcut is PostgreSQL's")
def test_values_of_another_type_go_through_the_field():
    count = SlaTarget._meta.get_field("target_seconds")
    when = Ticket._meta.get_field("created_at")
    naive = datetime(2026, 1, 1)
    aware = naive.replace(tzinfo=UTC)
    assert bulk._prepared(when, aware, bulk._ready_kind(when)) is aware
    with pytest.warns(RuntimeWarning, match="naive datetime"):  # the field's own handling
        assert bulk._prepared(when, naive, bulk._ready_kind(when)) == aware
    prepared = bulk._prepared(count, 7, bulk._ready_kind(count))
    assert type(prepared) is type(count.get_db_prep_save(7, connection))  # sized: Int4
    assert bulk._prepared(count, True, bulk._ready_kind(count)) == 1  # a bool: the field decides
    assert bulk._prepared(count, None, bulk._ready_kind(count)) is None
