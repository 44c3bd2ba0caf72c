"""Scam reports become urgent security tickets; confirming a domain blocklists it in one call."""

import pytest
from django.test import Client

from tests import factories as f
from walletdesk.accounts.models import Agent, Team
from walletdesk.api.services import customer_token_issue
from walletdesk.core.errors import PermissionDenied
from walletdesk.guard.models import AuditEntry, PhishingEntry
from walletdesk.guard.reports import phishing_report_confirm, scam_report_create
from walletdesk.guard.selectors import channel_verify, links_check

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(db, registry_rows):
    f.default_policies()
    f.team("frontline")
    security = f.team("security", kind=Team.Kind.SECURITY)
    return {"security": f.agent("sec", teams=[security], role=Agent.Role.SECURITY)}


def test_report_becomes_an_urgent_security_ticket_with_flags(desk):
    ticket, token = scam_report_create(
        customer=f.customer(),
        description="Someone on Telegram sent me wa11etdesk.com and asked for my words",
        suspicious="https://walletdesk-airdrop.xyz/claim",
        channel="app",
    )
    assert token
    assert (ticket.category, ticket.priority) == ("security", "urgent")
    assert ticket.intent == "phishing_and_scam_report"
    # the ticket write path's link screening tags the links the report quotes as well
    tags = set(ticket.tags.values_list("name", flat=True))
    assert tags == {"scam-report", "suspicious-link", "phishing-link"}
    # one source for the flags: the write path's screening, each link once
    hosts = [flag["host"] for flag in ticket.metadata["link_flags"]]
    assert sorted(hosts) == ["wa11etdesk.com", "walletdesk-airdrop.xyz"]
    assert ticket.metadata["guard"] == {"reported": ticket.metadata["guard"]["reported"]}
    assert ticket.metadata["guard"]["reported"]["status"] == "known_scam"


def test_a_secret_in_a_report_is_redacted_before_it_is_stored(desk):
    phrase = "legal winner thank year wave sausage worth useful legal winner thank yellow"
    ticket, _ = scam_report_create(
        customer=f.customer(), description=f"they asked for {phrase}", channel="app"
    )
    stored = ticket.messages.get().body_text
    assert "sausage" not in stored and "[redacted: recovery phrase]" in stored


def test_confirming_blocklists_tags_and_audits_in_one_call(desk):
    ticket, _ = scam_report_create(
        customer=f.customer(), description="fake site", suspicious="wa11etdesk.com", channel="app"
    )
    assert channel_verify(value="wa11etdesk.com").status == "not_official"
    entry = phishing_report_confirm(ticket=ticket, domain="wa11etdesk.com", agent=desk["security"])
    assert entry.source == PhishingEntry.Source.CONFIRMED
    assert channel_verify(value="https://login.wa11etdesk.com").status == "known_scam"
    assert links_check("wa11etdesk.com")[0].verdict == "blocked"
    assert "phishing-confirmed" in set(ticket.tags.values_list("name", flat=True))
    assert AuditEntry.objects.filter(
        action="blocklist.confirmed_from_report", target_id=str(ticket.pk)
    ).exists()


def test_only_security_staff_may_confirm(desk):
    ticket, _ = scam_report_create(customer=f.customer(), description="x", channel="app")
    with pytest.raises(PermissionDenied):
        phishing_report_confirm(ticket=ticket, domain="wa11etdesk.com", agent=f.agent())
    assert not PhishingEntry.objects.filter(domain="wa11etdesk.com").exists()


def test_customer_reports_through_the_api(desk):
    customer = f.customer()
    token = customer_token_issue(client=f.app_client()[0], customer=customer)
    api = Client(headers={"Authorization": f"Bearer {token}"})
    response = api.post(
        "/api/v1/customer/scam-reports",
        {"description": "fake support DM'd me", "suspicious": "@walletdesk_help_desk"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["number"].startswith("WD-")
