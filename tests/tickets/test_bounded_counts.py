"""Counts read on every ticket creation stop where the answer can no longer change: a
customer's tickets at the segment's last threshold, an agent's open tickets at capacity."""

import pytest

from tests import factories as f
from walletdesk.accounts import segments
from walletdesk.accounts.selectors import customers_by_identity
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.services.assignment import agents_live

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    f.default_policies()
    return f.team()


def counted(value: str) -> int:
    return customers_by_identity(kind="app_user", values={value})[value].ticket_count


def test_a_customers_tickets_are_counted_exactly_below_the_pro_threshold(desk):
    f.agent("alice", teams=[desk])
    customer = f.customer("few")
    for _ in range(3):
        f.ticket(customer)
    assert counted("few") == 3


def test_a_customers_tickets_are_counted_up_to_the_pro_threshold_and_still_make_a_pro(desk):
    f.agent("alice", teams=[desk], capacity=100)
    customer = f.customer("many")
    for _ in range(segments.PRO_MIN_TICKETS + 3):
        f.ticket(customer)
    assert counted("many") == segments.PRO_MIN_TICKETS
    assert f.customer("many").segment == segments.PRO  # the next contact re-derives it


def test_an_agents_open_tickets_are_exact_below_the_bound_and_capped_above(desk):
    busy = f.agent("busy", teams=[desk], capacity=100)
    idle = f.agent("idle", teams=[desk], capacity=100)
    for _ in range(5):
        f.ticket()
    Ticket.objects.update(assignee=busy)
    live = agents_live([busy.id, idle.id], count_up_to=3)
    assert live[busy.id][2] == 3 and live[idle.id][2] == 0
    assert agents_live([busy.id], count_up_to=10)[busy.id][2] == 5


def test_a_full_agent_gets_nothing_when_capacities_differ(desk):
    """Counting up to the largest capacity of the team still tells who is full."""
    small = f.agent("small", teams=[desk], capacity=2)
    f.agent("large", teams=[desk], capacity=50)
    for _ in range(3):
        f.ticket()
    Ticket.objects.update(assignee=small)
    ticket, _ = f.ticket()
    assert ticket.assignee is not None and ticket.assignee.display_name == "Large"
