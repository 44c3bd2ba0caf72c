"""Ticket services end to end: creation, replies, reopen, follow-up, escalation, merge, survey."""

from datetime import timedelta

import pytest

from tests import factories as f
from walletdesk.accounts.models import Notification, Team
from walletdesk.core.clock import frozen_at, now
from walletdesk.core.errors import Conflict, InvalidTransition
from walletdesk.tickets import services
from walletdesk.tickets.models import Message, TicketEvent, TicketLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    f.default_policies()
    frontline = f.team("frontline")
    experts = f.team("experts", Team.Kind.EXPERTS)
    security = f.team("security", Team.Kind.SECURITY)
    return {
        "frontline": frontline,
        "experts": experts,
        "security": security,
        "agent": f.agent("alice", teams=[frontline]),
        "expert": f.agent("bob", teams=[experts], skills=["tron"]),
        "guard": f.agent("carol", teams=[security]),
        "boss": f.agent("dave", teams=[frontline], role="supervisor"),
    }


def kinds(ticket):
    return list(ticket.events.values_list("kind", flat=True))


def test_create_numbers_routes_assigns_and_starts_sla(desk):
    ticket, token = f.ticket()
    assert ticket.number.startswith(f"WD-{now().year}-")
    assert ticket.access_token_hash != token and len(token) >= 30
    assert ticket.team == desk["frontline"]
    assert ticket.assignee in (desk["agent"], desk["boss"])
    assert ticket.status == "new"
    assert set(ticket.sla_targets.values_list("kind", flat=True)) == {
        "first_response",
        "resolution",
    }
    assert ticket.sla_due_at == ticket.sla_targets.get(kind="first_response").due_at
    assert kinds(ticket) == ["created", "assigned"]
    second, _ = f.ticket()
    assert int(second.number[-6:]) == int(ticket.number[-6:]) + 1


def test_security_category_goes_to_security_team_as_urgent(desk):
    ticket, _ = f.ticket(intent="stolen_funds")
    assert (ticket.category, ticket.priority, ticket.team) == (
        "security",
        "urgent",
        desk["security"],
    )
    assert ticket.assignee == desk["guard"]
    first = ticket.sla_targets.get(kind="first_response")
    assert first.target_seconds == 10 * 60


def test_least_loaded_agent_gets_the_next_ticket(desk):
    tickets = [f.ticket()[0] for _ in range(4)]
    owners = [t.assignee_id for t in tickets]
    assert owners.count(desk["agent"].id) == 2 and owners.count(desk["boss"].id) == 2


def test_agent_reply_achieves_first_response_and_pending_pauses_clock(desk):
    ticket, _ = f.ticket()
    services.reply_send(
        ticket=ticket, agent=desk["agent"], body="Please send the hash", status="pending"
    )
    ticket.refresh_from_db()
    assert ticket.status == "pending" and ticket.first_response_at is not None
    assert ticket.sla_targets.get(kind="first_response").achieved_at is not None
    resolution = ticket.sla_targets.get(kind="resolution")
    assert resolution.due_at is None and resolution.remaining_seconds > 0
    assert ticket.automation_due_at is not None


def test_customer_reply_reopens_pending_and_resumes_clock(desk):
    ticket, _ = f.ticket()
    services.reply_send(ticket=ticket, agent=desk["agent"], body="hash?", status="pending")
    with frozen_at(now() + timedelta(hours=5)):
        ticket, message = services.customer_message_add(
            ticket=ticket, body="here: abc", channel="app"
        )
    ticket.refresh_from_db()
    assert ticket.status == "open" and message.direction == "inbound"
    resolution = ticket.sla_targets.get(kind="resolution")
    assert resolution.due_at is not None and resolution.remaining_seconds is None
    # the paused five hours did not count against the resolution target
    assert resolution.due_at - ticket.created_at > timedelta(hours=24)
    assert ticket.sla_targets.filter(kind="next_response", achieved_at__isnull=True).exists()


def test_reply_to_closed_ticket_opens_linked_follow_up(desk):
    ticket, _token = f.ticket()
    services.ticket_transition(ticket=ticket, to="resolved", actor=desk["agent"])
    services.ticket_transition(ticket=ticket, to="closed", actor=desk["agent"])
    follow_up, message = services.customer_message_add(ticket=ticket, body="again", channel="app")
    assert follow_up.id != ticket.id and follow_up.status == "new"
    assert TicketLink.objects.filter(source=follow_up, target=ticket, kind="follow_up_of").exists()
    assert message.ticket_id == follow_up.id
    assert follow_up.access_token_hash == ticket.access_token_hash


def test_closed_is_final_for_agents(desk):
    ticket, _ = f.ticket()
    services.ticket_transition(ticket=ticket, to="resolved", actor=desk["agent"])
    services.ticket_transition(ticket=ticket, to="closed", actor=desk["agent"])
    with pytest.raises(InvalidTransition):
        services.ticket_transition(ticket=ticket, to="open", actor=desk["agent"])
    with pytest.raises(InvalidTransition):
        services.reply_send(ticket=ticket, agent=desk["agent"], body="hi")


def test_resolution_sends_survey_and_low_score_reopens_for_supervisor(desk):
    ticket, _ = f.ticket()
    services.ticket_transition(ticket=ticket, to="resolved", actor=desk["agent"])
    assert "survey_sent" in kinds(ticket)
    services.survey_answer(ticket=ticket, score=1, comment="not solved")
    ticket.refresh_from_db()
    assert ticket.status == "open" and ticket.assignee == desk["boss"]
    assert Notification.objects.filter(agent=desk["boss"], kind="low_csat", ticket=ticket).exists()
    with pytest.raises(InvalidTransition):  # reopened: no rating until resolved again
        services.survey_answer(ticket=ticket, score=5)


def test_good_score_keeps_ticket_resolved(desk):
    ticket, _ = f.ticket()
    services.ticket_transition(ticket=ticket, to="resolved", actor=desk["agent"])
    services.survey_answer(ticket=ticket, score=5)
    ticket.refresh_from_db()
    assert ticket.status == "resolved"
    with pytest.raises(Conflict):
        services.survey_answer(ticket=ticket, score=4)


def test_escalate_to_experts_and_hand_back(desk):
    ticket, _ = f.ticket(chain="tron")
    services.ticket_escalate(
        ticket=ticket, to_team=desk["experts"], reason="OUT_OF_ENERGY analysis", actor=desk["agent"]
    )
    ticket.refresh_from_db()
    assert ticket.team == desk["experts"] and ticket.assignee == desk["expert"]
    escalated = ticket.events.get(kind="escalated")
    assert escalated.data["reason"] == "OUT_OF_ENERGY analysis" and escalated.customer_visible
    services.ticket_hand_back(ticket=ticket, actor=desk["expert"], note="explained energy")
    ticket.refresh_from_db()
    assert ticket.team == desk["frontline"]
    with pytest.raises(Conflict):
        services.ticket_escalate(
            ticket=ticket, to_team=desk["frontline"], reason="x", actor=desk["agent"]
        )


def test_escalation_to_security_makes_it_urgent(desk):
    ticket, _ = f.ticket()
    services.ticket_escalate(
        ticket=ticket, to_team=desk["security"], reason="approval drain", actor=desk["agent"]
    )
    ticket.refresh_from_db()
    assert ticket.priority == "urgent" and ticket.assignee == desk["guard"]


def test_merge_moves_messages_and_leaves_pointer(desk):
    customer = f.customer()
    target, _ = f.ticket(customer)
    source, _ = f.ticket(customer, body="duplicate question")
    services.ticket_merge(source=source, target=target, actor=desk["agent"])
    source.refresh_from_db()
    assert source.status == "closed" and source.merged_into == target
    assert Message.objects.filter(ticket=target).count() == 2
    assert not source.sla_targets.filter(
        achieved_at__isnull=True, cancelled_at__isnull=True
    ).exists()
    with pytest.raises(Conflict):
        services.ticket_merge(source=target, target=source, actor=desk["agent"])


def test_notes_are_internal_events_and_do_not_stop_sla(desk):
    ticket, _ = f.ticket()
    services.note_add(ticket=ticket, agent=desk["agent"], body="customer seems confused")
    assert ticket.sla_targets.get(kind="first_response").achieved_at is None
    note = ticket.events.get(kind="note_added")
    assert not note.customer_visible


def test_events_are_immutable(desk):
    ticket, _ = f.ticket()
    event = ticket.events.first()
    event.data = {"tampered": True}
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()
    assert TicketEvent.objects.get(id=event.id).data != {"tampered": True}


def test_tags_and_triage_changes_are_recorded(desk):
    ticket, _ = f.ticket()
    services.ticket_tags_change(
        ticket=ticket, add=["usdt", "trc20"], remove=[], actor=desk["agent"]
    )
    services.ticket_triage_set(
        ticket=ticket, actor=desk["agent"], priority="high", intent="transfer_failed"
    )
    ticket.refresh_from_db()
    assert sorted(ticket.tags.values_list("name", flat=True)) == ["trc20", "usdt"]
    assert ticket.priority == "high" and ticket.intent == "transfer_failed"
    assert kinds(ticket).count("priority_changed") == 1
