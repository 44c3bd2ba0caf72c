"""The event log without a database foreign key (docs/decisions/0004): the ORM still keeps it
consistent with its tickets, and reading a ticket's history still uses an index."""

import pytest
from django.db import connection

from tests import factories as f
from walletdesk.tickets.models import Ticket, TicketEvent

pytestmark = pytest.mark.django_db


def test_deleting_a_ticket_deletes_its_events_and_no_others():
    f.default_policies()
    f.agent("alice", teams=[f.team()])
    (gone, _), (kept, _) = f.ticket(subject="delete me"), f.ticket(subject="keep me")
    assert TicketEvent.objects.filter(ticket=gone).exists()
    kept_events = TicketEvent.objects.filter(ticket=kept).count()
    Ticket.objects.filter(id=gone.id).delete()
    assert not TicketEvent.objects.filter(ticket_id=gone.id).exists()
    assert TicketEvent.objects.filter(ticket=kept).count() == kept_events > 0


def test_the_event_table_has_no_foreign_key_to_tickets_but_keeps_the_agent_one(on_postgres):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "tickets_ticketevent")
    foreign = {c["foreign_key"][0] for c in constraints.values() if c["foreign_key"]}
    assert foreign == {"accounts_agent"}


def test_a_tickets_history_is_read_through_the_event_ticket_index(on_postgres):
    f.default_policies()
    f.agent("alice", teams=[f.team()])
    ticket, _ = f.ticket(subject="history")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = TicketEvent.objects.filter(ticket=ticket).order_by("created_at", "id").explain()
    assert "event_ticket" in plan
