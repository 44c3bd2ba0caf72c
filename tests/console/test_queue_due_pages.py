"""Queues sorted by SLA due time page through every ticket once, in order, ties included."""

from datetime import timedelta

import pytest

from tests import factories
from walletdesk.core.clock import now
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.selectors import QueueFilters, ticket_queue


@pytest.fixture
def due_tickets(agent):
    """Seven active tickets due at three moments (ties across page ends) and one without."""
    at = now()
    dues = (
        [at - timedelta(hours=2)] * 3
        + [at - timedelta(hours=1)] * 2
        + [at + timedelta(hours=1)] * 2
    )
    tickets = [factories.ticket()[0] for _ in range(len(dues) + 1)]
    for ticket, due in zip(tickets, dues, strict=False):
        Ticket.objects.filter(id=ticket.id).update(sla_due_at=due)
    Ticket.objects.filter(id=tickets[-1].id).update(sla_due_at=None)
    return at


def pages(agent, filters: QueueFilters, at) -> list[list[int]]:
    out, cursor = [], None
    while True:
        page, cursor = ticket_queue(agent=agent, filters=filters, at=at, cursor=cursor, limit=2)
        out.append([t.id for t in page])
        if cursor is None:
            return out


def expected(**where) -> list[int]:
    tickets = Ticket.objects.filter(sla_due_at__isnull=False, **where)
    return list(tickets.order_by("sla_due_at", "id").values_list("id", flat=True))


@pytest.mark.parametrize(
    ("filters", "where"),
    [
        (QueueFilters(queue="breached"), {"sla_due_at__lte": 0}),
        (QueueFilters(queue="breaching"), {"sla_due_at__gt": 0, "sla_due_at__lte": 60}),
        (QueueFilters(queue="open", sort="sla_due"), {}),
    ],
)
def test_due_sorted_pages_cover_each_ticket_once(agent, due_tickets, filters, where):
    where = {k: due_tickets + timedelta(minutes=m) for k, m in where.items()}  # minutes from now
    seen = pages(agent, filters, due_tickets)
    assert [i for page in seen for i in page] == expected(**where)
    assert all(len(page) == 2 for page in seen[:-1])
