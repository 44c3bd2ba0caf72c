"""`__any_of`: the same rows as `__in`, with one parameter on PostgreSQL however long the list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories as f
from walletdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db


def test_any_of_selects_and_updates_what_in_does():
    f.default_policies()
    tickets = [f.ticket()[0] for _ in range(4)]
    wanted = [tickets[0].id, tickets[2].id, 10**9]
    assert set(Ticket.objects.filter(id__any_of=wanted)) == set(
        Ticket.objects.filter(id__in=wanted)
    )
    assert Ticket.objects.filter(id__any_of=[]).count() == 0
    assert Ticket.objects.filter(id__any_of=wanted).update(subject="changed") == 2
    assert Ticket.objects.filter(subject="changed").count() == 2
    assert Ticket.objects.exclude(id__any_of=wanted).count() == 2
    customers = [tickets[1].customer_id]
    assert list(Ticket.objects.filter(customer_id__any_of=customers)) == [tickets[1]]


def test_on_postgresql_a_long_list_is_one_array_parameter():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: elsewhere __any_of is __in")
    with CaptureQueriesContext(connection) as queries:
        list(Ticket.objects.filter(id__any_of=range(1, 5001)).values_list("id"))
    (sql,) = [q["sql"] for q in queries]
    assert "= ANY(" in sql and " IN (" not in sql
