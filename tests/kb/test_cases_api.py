"""Agents draft cases from tickets they can see; editors approve; the public lists them."""

from django.test import Client

from tests import factories as f
from walletdesk.accounts.models import Agent
from walletdesk.tickets import services as tickets


def _client(agent) -> Client:
    return Client(headers={"Authorization": f"Bearer {f.agent_token(agent)}"})


def test_case_flow_through_the_api(db):
    f.default_policies()
    frontline = f.team("frontline")
    agent = f.agent("Li", teams=[frontline])
    boss = f.agent("Boss", teams=[frontline], role=Agent.Role.SUPERVISOR)
    ticket, _ = f.ticket(subject="USDT failed", body="Sent 100 USDT, it failed")
    tickets.reply_send(ticket=ticket, agent=agent, body="Top up TRX.", status="resolved")
    drafted = _client(agent).post(
        "/api/v1/agent/kb/cases", {"ticket_id": ticket.id}, content_type="application/json"
    )
    assert drafted.status_code == 201 and "[amount]" in drafted.json()["body"]
    case_id = drafted.json()["id"]
    url = f"/api/v1/agent/kb/cases/{case_id}/approve"
    assert _client(agent).post(url, {}, content_type="application/json").status_code == 403
    assert Client().get("/api/v1/kb/cases").json() == []
    assert _client(boss).post(url, {}, content_type="application/json").status_code == 200
    assert [c["id"] for c in Client().get("/api/v1/kb/cases").json()] == [case_id]


def test_tickets_of_other_teams_are_not_found(db):
    f.default_policies()
    f.agent("Li", teams=[f.team("frontline")])
    outsider = f.agent("Out", teams=[f.team("experts", kind="experts")])
    ticket, _ = f.ticket()
    assert ticket.team.slug == "frontline"
    response = _client(outsider).post(
        "/api/v1/agent/kb/cases", {"ticket_id": ticket.id}, content_type="application/json"
    )
    assert response.status_code == 404
