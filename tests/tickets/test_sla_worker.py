"""The SLA sweep: warnings at 80 %, breaches with escalation actions, no double processing."""

from datetime import timedelta

import pytest

from tests import factories as f
from walletdesk.accounts.models import Notification
from walletdesk.core.clock import frozen_at, now
from walletdesk.tickets import services
from walletdesk.tickets.models import SlaTarget, TicketEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    f.default_policies()
    team = f.team()
    return {
        "agent": f.agent("alice", teams=[team]),
        "boss": f.agent("sue", teams=[team], role="supervisor", capacity=0),
    }


def test_warning_at_80_percent_then_breach_once(setup):
    ticket, _ = f.ticket()
    start = ticket.created_at
    assert services.sla_sweep(at=start + timedelta(minutes=23)).warnings == 0
    warned = services.sla_sweep(at=start + timedelta(minutes=24, seconds=1))
    assert warned.warnings == 1 and warned.breaches == 0
    breached = services.sla_sweep(at=start + timedelta(minutes=31))
    assert breached.breaches == 1
    again = services.sla_sweep(at=start + timedelta(minutes=32))
    assert again.tickets == 0
    ticket.refresh_from_db()
    assert ticket.priority == "high"  # raised one step on breach
    assert TicketEvent.objects.filter(ticket=ticket, kind="sla_breached").count() == 1
    assert Notification.objects.filter(agent=setup["boss"], kind="sla_breach").count() == 1


def test_breach_without_prior_sweep_implies_the_warning(setup):
    """Past due at the first look: one breach event, no warning at the same instant, and the
    target counts as warned so no warning follows later."""
    ticket, _ = f.ticket()
    result = services.sla_sweep(at=ticket.created_at + timedelta(hours=2))
    assert (result.warnings, result.breaches) == (0, 1)
    target = SlaTarget.objects.get(ticket=ticket, kind="first_response")
    assert target.warned_at == target.breached_at is not None
    kinds = list(TicketEvent.objects.filter(ticket=ticket).values_list("kind", flat=True))
    assert "sla_warning" not in kinds and kinds.count("sla_breached") == 1


def test_answered_ticket_is_not_breached(setup):
    ticket, _ = f.ticket()
    services.reply_send(ticket=ticket, agent=setup["agent"], body="on it")
    result = services.sla_sweep(at=ticket.created_at + timedelta(minutes=45))
    assert result.breaches == 0


def test_pending_ticket_clock_is_paused(setup):
    ticket, _ = f.ticket()
    services.reply_send(ticket=ticket, agent=setup["agent"], body="hash please", status="pending")
    result = services.sla_sweep(at=ticket.created_at + timedelta(days=3))
    assert result.breaches == 0 and result.tickets == 0


def test_breached_ticket_with_off_shift_assignee_is_reassigned(setup):
    team = setup["agent"].teams.first()
    night = f.agent("nina", teams=[team], always_on=False)
    ticket, _ = f.ticket()
    services.ticket_assign(ticket=ticket, agent=night, actor=None)
    result = services.sla_sweep(at=ticket.created_at + timedelta(hours=1))
    ticket.refresh_from_db()
    assert result.reassigned == 1 and ticket.assignee == setup["agent"]


def test_pending_reminder_then_auto_resolve(setup, settings):
    ticket, _ = f.ticket()
    services.reply_send(ticket=ticket, agent=setup["agent"], body="hash please", status="pending")
    hours = settings.WALLETDESK
    later = now() + timedelta(hours=hours["PENDING_REMINDER_HOURS"], minutes=1)
    assert services.automation_sweep(at=later) == {"reminded": 1}
    ticket.refresh_from_db()
    assert ticket.messages.filter(direction="outbound").count() == 2
    final = now() + timedelta(hours=hours["PENDING_AUTO_RESOLVE_HOURS"], minutes=2)
    with frozen_at(final):
        assert services.automation_sweep(at=final) == {"auto_resolved": 1}
    ticket.refresh_from_db()
    assert ticket.status == "resolved" and ticket.surveys.count() == 1


def test_unassigned_ticket_is_picked_up_when_agent_comes_on_shift(setup):
    setup["agent"].is_available = False
    setup["agent"].save()
    ticket, _ = f.ticket()
    assert ticket.assignee is None
    setup["agent"].is_available = True
    setup["agent"].save()
    assert services.queue_pickup_sweep() == 1
    ticket.refresh_from_db()
    assert ticket.assignee == setup["agent"]
