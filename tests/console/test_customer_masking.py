"""Customer contacts in the ticket page are masked (guard.masking) unless the agent may see
them; a reveal shows them whole, is audited and rate-limited."""

from django.urls import reverse

from tests import factories
from walletdesk.accounts.services import customer_resolve
from walletdesk.guard.models import AuditEntry

EMAIL = "alice.wang@example.com"
HTMX = {"HTTP_HX_REQUEST": "true"}


def email_ticket(**fields):
    customer = customer_resolve(kind="email", value=EMAIL, language="en")
    return factories.ticket(customer, channel="email", **fields)[0]


def page(client, ticket) -> str:
    return client.get(reverse("console:ticket", args=[ticket.id])).content.decode()


def test_an_agent_sees_the_email_masked(agent_client):
    ticket = email_ticket()
    body = page(agent_client, ticket)
    assert EMAIL not in body
    assert "al***@ex***.com" in body
    assert 'id="reveal-btn"' in body


def test_a_supervisor_sees_it_whole_without_a_reveal_button(client, desk):
    boss = factories.agent("boss", teams=[desk], role="supervisor")
    client.force_login(boss.user)
    body = page(client, email_ticket())
    assert EMAIL in body
    assert 'id="reveal-btn"' not in body


def test_reveal_shows_the_contacts_and_is_audited(agent_client, agent):
    ticket = email_ticket()
    url = reverse("console:customer_reveal", args=[ticket.id])
    body = agent_client.post(url, **HTMX).content.decode()
    assert EMAIL in body
    assert 'id="reveal-btn"' not in body
    entry = AuditEntry.objects.get(action="customer.revealed")
    assert entry.actor == agent.user
    assert entry.data["ticket"] == ticket.number


def test_reveal_is_rate_limited(agent_client, settings):
    from django.core.cache import cache

    cache.clear()
    settings.WALLETDESK = {**settings.WALLETDESK, "REVEALS_PER_HOUR": 1}
    ticket = email_ticket()
    url = reverse("console:customer_reveal", args=[ticket.id])
    assert EMAIL in agent_client.post(url, **HTMX).content.decode()
    second = agent_client.post(url, **HTMX).content.decode()
    assert EMAIL not in second
    assert 'role="alert"' in second
    assert AuditEntry.objects.filter(action="customer.revealed").count() == 1
    cache.clear()


def test_reveal_of_another_teams_ticket_is_not_found(agent_client):
    experts = factories.team("experts", kind="experts")
    ticket = email_ticket()
    ticket.team, ticket.assignee = experts, None
    ticket.save()
    url = reverse("console:customer_reveal", args=[ticket.id])
    assert agent_client.post(url, **HTMX).status_code == 404
    assert not AuditEntry.objects.filter(action="customer.revealed").exists()
