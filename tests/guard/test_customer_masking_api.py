"""The agent API masks customer identities unless the guard allows them; reveals are audited
and rate-limited per agent."""

import pytest
from django.test import Client

from tests import factories as f
from walletdesk.accounts.models import Agent, CustomerIdentity
from walletdesk.guard.models import AuditEntry

pytestmark = pytest.mark.django_db

ADDRESS = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"


@pytest.fixture
def case(db):
    f.default_policies()
    frontline = f.team("frontline")
    customer = f.customer("app-user-000123")
    CustomerIdentity.objects.create(customer=customer, kind="email", value="carol@example.org")
    CustomerIdentity.objects.create(customer=customer, kind="x", value="@carol_trader")
    ticket, _ = f.ticket(customer, chain="tron", addresses=[("tron", ADDRESS)])
    return {"frontline": frontline, "ticket": ticket}


def client_for(agent):
    return Client(headers={"Authorization": f"Bearer {f.agent_token(agent)}"})


def panel(agent, ticket):
    response = client_for(agent).get(f"/api/v1/agent/tickets/{ticket.id}")
    assert response.status_code == 200
    return response.json()["customer_panel"]


def test_an_agent_sees_masked_identities_and_whole_addresses(case):
    agent = f.agent("amy", teams=[case["frontline"]])
    shown = panel(agent, case["ticket"])
    values = {i["kind"]: i["value"] for i in shown["identities"]}
    assert values == {"app_user": "ap***23", "email": "ca***@ex***.org", "x": "@ca***r"}
    assert all(i["masked"] for i in shown["identities"])
    assert shown["addresses"] == [{"chain": "tron", "address": ADDRESS}]


def test_a_supervisor_sees_them_whole(case):
    boss = f.agent("bea", teams=[case["frontline"]], role=Agent.Role.SUPERVISOR)
    values = {i["value"] for i in panel(boss, case["ticket"])["identities"]}
    assert values == {"app-user-000123", "carol@example.org", "@carol_trader"}


def test_reveal_is_audited(case):
    agent = f.agent("amy", teams=[case["frontline"]])
    ticket = case["ticket"]
    response = client_for(agent).post(f"/api/v1/agent/tickets/{ticket.id}/customer/reveal")
    assert response.status_code == 200
    body = response.json()
    assert {i["value"] for i in body["identities"]} >= {"carol@example.org", "@carol_trader"}
    entry = AuditEntry.objects.get(action="customer.revealed")
    assert entry.actor == agent.user
    assert entry.target_id == str(ticket.customer_id)
    assert entry.data == {"ticket": ticket.number, "kinds": ["app_user", "email", "x"]}
    assert "carol@example.org" not in str(entry.data)


def test_reveal_is_rate_limited_per_agent(case, settings):
    settings.WALLETDESK = {**settings.WALLETDESK, "REVEALS_PER_HOUR": 2}
    agent = f.agent("amy", teams=[case["frontline"]])
    url = f"/api/v1/agent/tickets/{case['ticket'].id}/customer/reveal"
    codes = [client_for(agent).post(url).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert AuditEntry.objects.filter(action="customer.revealed").count() == 2
    other = f.agent("ann", teams=[case["frontline"]])
    assert client_for(other).post(url).status_code == 200


def test_reveal_answers_404_for_a_ticket_the_agent_cannot_see(case):
    outsider = f.agent("otto", teams=[f.team("chain-experts")])
    response = client_for(outsider).post(
        f"/api/v1/agent/tickets/{case['ticket'].id}/customer/reveal"
    )
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action="customer.revealed").exists()
