"""Security staff confirm a phishing domain a ticket names with one click on the console's
ticket page: it joins the blocklist (it and its subdomains become known scams), the ticket is
tagged and both are audited. Other agents get no button and cannot post it; only hosts the
ticket names can be confirmed, never their whole registrable domain."""

import pytest
from django.urls import reverse

from tests import factories as f
from walletdesk.accounts.models import Agent, Team
from walletdesk.guard.models import AuditEntry, PhishingEntry
from walletdesk.guard.reports import scam_report_create
from walletdesk.guard.selectors import channel_verify

UNKNOWN = "claim-bonus-airdrop.xyz"  # resembles nothing: a report is what makes it known


@pytest.fixture
def desk(registry_rows, settings):
    settings.ROOT_URLCONF = "walletdesk.config.urls"
    settings.STAFF_2FA_REQUIRED = False
    f.default_policies()
    frontline = f.team("frontline")
    security = f.team("security", kind=Team.Kind.SECURITY)
    return {
        "security": f.agent("sec", teams=[security], role=Agent.Role.SECURITY),
        "frontline": f.agent("amy", teams=[frontline, security]),
    }


def as_agent(client, agent: Agent):
    client.force_login(agent.user)
    return client


def report(suspicious: str):
    return scam_report_create(
        customer=f.customer(), description="fake support sent me this", suspicious=suspicious,
        channel="app",
    )[0]  # fmt: skip


def confirm(client, ticket, domain: str) -> str:
    url = reverse("console:action", args=[ticket.id, "blocklist"])
    response = client.post(url, {"domain": domain}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode()


def test_one_click_blocklists_a_reported_domain(desk, client):
    ticket = report(f"https://{UNKNOWN}/claim")
    security = as_agent(client, desk["security"])
    page = security.get(reverse("console:ticket", args=[ticket.id])).content.decode()
    assert 'id="confirm-phishing"' in page and "claim-bonus-airdrop[.]xyz" in page
    assert f'name="domain" value="{UNKNOWN}"' in page
    body = confirm(security, ticket, UNKNOWN)
    assert "claim-bonus-airdrop[.]xyz is on the blocklist now." in body
    assert 'id="confirm-phishing"' not in body  # nothing left to confirm
    assert channel_verify(value=f"https://login.{UNKNOWN}").status == "known_scam"
    assert PhishingEntry.objects.get(domain=UNKNOWN).source == PhishingEntry.Source.CONFIRMED
    assert "phishing-confirmed" in set(ticket.tags.values_list("name", flat=True))
    assert AuditEntry.objects.filter(action="blocklist.confirmed_from_report").count() == 1


def test_other_agents_get_no_button_and_cannot_post_it(desk, client):
    ticket = report(f"https://{UNKNOWN}/claim")
    frontline = as_agent(client, desk["frontline"])
    page = frontline.get(reverse("console:ticket", args=[ticket.id])).content.decode()
    assert 'id="confirm-phishing"' not in page
    confirm(frontline, ticket, UNKNOWN)
    assert not PhishingEntry.objects.filter(domain=UNKNOWN).exists()


@pytest.mark.parametrize("domain", ["walletdesk.com", "example.org", "google.com"])
def test_only_hosts_the_ticket_names_can_be_confirmed(desk, client, domain):
    ticket = report("https://sites.google.com/view/walletdesk-help")
    security = as_agent(client, desk["security"])
    page = security.get(reverse("console:ticket", args=[ticket.id])).content.decode()
    assert 'name="domain" value="sites.google.com"' in page  # the host, not google.com
    confirm(security, ticket, domain)
    assert not PhishingEntry.objects.filter(domain=domain).exists()
