"""Agents are told what needs them: SLA breaches (supervisors), SLA warnings (the assignee),
low scores, escalations to their team, tickets someone else assigned to them. Each notice is
kept as kind + data and read in the agent's language."""

from datetime import timedelta

import pytest
from django.utils import translation

from tests import factories as f
from walletdesk.accounts.models import Notification
from walletdesk.accounts.notices import notice_text
from walletdesk.tickets import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(desk):
    security = f.team("security", kind="security")
    return {
        **desk,
        "boss": f.agent("sue", teams=[desk["frontline"]], role="supervisor", capacity=0),
        "guard": f.agent("gus", teams=[security], role="security"),
        "sec_boss": f.agent("sam", teams=[security], role="supervisor", capacity=0),
        "security": security,
    }


def notices(agent) -> list[Notification]:
    return list(Notification.objects.filter(agent=agent).order_by("id"))


def test_an_sla_warning_tells_the_assignee_and_a_breach_the_supervisor(people):
    ticket, _ = f.ticket()
    assert ticket.assignee == people["agent"]
    services.sla_sweep(at=ticket.created_at + timedelta(minutes=25))
    (warning,) = notices(people["agent"])
    assert (warning.kind, warning.ticket_id) == ("sla_warning", ticket.id)
    assert warning.data == {"number": ticket.number, "target": "first_response"}
    assert warning.text == f"{ticket.number}: the first response target is due soon."
    services.sla_sweep(at=ticket.created_at + timedelta(minutes=31))
    (breach,) = notices(people["boss"])
    assert breach.data == {"number": ticket.number, "target": "first_response"}
    assert breach.text == f"{ticket.number} breached its first response target."


def test_notices_read_in_the_agents_language(people):
    data = {"number": "WD-2026-000007", "target": "resolution"}
    with translation.override("zh-hans"):
        text = notice_text("sla_breach", data)
    assert "WD-2026-000007" in text and "breached" not in text


def test_escalation_tells_the_receiving_supervisors_and_assignee_not_the_escalator(people):
    ticket, _ = f.ticket()
    services.ticket_escalate(
        ticket=ticket, to_team=people["security"], reason="phishing site", actor=people["agent"]
    )
    for reader in ("guard", "sec_boss"):
        (notice,) = notices(people[reader])
        assert notice.kind == "escalated"
        assert notice.data["reason"] == "phishing site" and notice.data["by"] == "Alice"
    assert notices(people["agent"]) == []


def test_an_agent_is_told_when_someone_else_assigns_them_a_ticket(people):
    ticket, _ = f.ticket()
    bob = f.agent("bob", teams=[people["frontline"]])
    services.ticket_assign(ticket=ticket, agent=bob, actor=people["boss"])
    (notice,) = notices(bob)
    assert notice.text == f"Sue assigned {ticket.number} to you."
    services.ticket_assign(ticket=ticket, agent=people["boss"], actor=people["boss"])
    assert notices(people["boss"]) == []  # taking a ticket yourself is no news


def test_a_low_score_tells_the_supervisor(people):
    ticket, _ = f.ticket()
    services.reply_send(ticket=ticket, agent=people["agent"], body="Done.", status="resolved")
    services.survey_answer(ticket=ticket, score=1, comment="no help")
    (notice,) = notices(people["boss"])
    assert notice.data == {"number": ticket.number, "score": 1}
    assert "rated 1/5" in notice.text


def test_an_escalation_without_an_actor_names_nobody(people):
    """The assistant hands a stolen-funds conversation to Security with no agent behind it."""
    ticket, _ = f.ticket()
    services.ticket_escalate(
        ticket=ticket, to_team=people["security"], reason="stolen funds", actor=None
    )
    (notice,) = notices(people["sec_boss"])
    assert notice.text == f"{ticket.number} was escalated to Security: stolen funds"
