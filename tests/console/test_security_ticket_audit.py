"""Opening a Security ticket in the console is audited (guard.security_ticket_viewed)."""

from django.urls import reverse

from tests import factories
from walletdesk.guard.models import AuditEntry


def viewed():
    return AuditEntry.objects.filter(action="ticket.security_viewed")


def test_opening_a_security_ticket_is_audited(client, desk):
    boss = factories.agent("boss", teams=[desk], role="supervisor")
    client.force_login(boss.user)
    ticket, _ = factories.ticket(category="security", subject="Someone drained my wallet")
    assert client.get(reverse("console:ticket", args=[ticket.id])).status_code == 200
    [entry] = viewed()
    assert entry.actor == boss.user
    assert entry.target_id == str(ticket.id)
    assert entry.data == {"number": ticket.number}


def test_other_categories_and_refreshes_are_not_audited(agent_client):
    ticket, _ = factories.ticket(category="technical")
    agent_client.get(reverse("console:ticket", args=[ticket.id]))
    assert not viewed().exists()


def test_a_ticket_the_agent_cannot_see_is_not_audited(agent_client):
    ticket, _ = factories.ticket(category="security")  # routed to the security team
    experts = factories.team("experts", kind="experts")
    ticket.team, ticket.assignee = experts, None
    ticket.save()
    assert agent_client.get(reverse("console:ticket", args=[ticket.id])).status_code == 404
    assert not viewed().exists()
