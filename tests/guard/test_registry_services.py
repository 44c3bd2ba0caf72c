"""Registry writes: normalized, audited, visible to the checker at once; demo data loads."""

import pytest

from tests import factories as f
from walletdesk.core.errors import InvalidInput
from walletdesk.guard.demo import demo_registry_load
from walletdesk.guard.models import AuditEntry, OfficialChannel
from walletdesk.guard.selectors import channel_verify, links_check
from walletdesk.guard.services import (
    official_channel_save,
    phishing_domain_block,
    phishing_domain_unblock,
    security_ticket_viewed,
)

pytestmark = pytest.mark.django_db


def test_values_are_stored_normalized_and_saved_once():
    official_channel_save(kind="telegram", value="https://t.me/WalletDesk_Support")
    official_channel_save(kind="telegram", value="@walletdesk_support", label="Support")
    row = OfficialChannel.objects.get()
    assert (row.value, row.label) == ("walletdesk_support", "Support")
    assert AuditEntry.objects.filter(action="registry.official_saved").count() == 2


def test_block_and_unblock_take_effect_immediately_and_are_audited():
    assert links_check("fake-desk.top") == []
    phishing_domain_block(domain="https://Fake-Desk.top/login")
    assert links_check("fake-desk.top")[0].verdict == "blocked"
    assert phishing_domain_unblock(domain="fake-desk.top") == 1
    assert links_check("fake-desk.top") == []
    actions = list(AuditEntry.objects.values_list("action", flat=True).order_by("id"))
    assert actions == ["blocklist.added", "blocklist.removed"]


@pytest.mark.parametrize("value", ["", "localhost", "   "])
def test_a_blocklist_entry_must_be_a_domain(value):
    with pytest.raises(InvalidInput):
        phishing_domain_block(domain=value)


def test_only_security_tickets_are_audited_when_viewed():
    f.default_policies()
    f.team("frontline")
    agent = f.agent()
    ordinary, _ = f.ticket()
    security, _ = f.ticket(category="security")
    assert security_ticket_viewed(ticket=ordinary, actor=agent) is None
    entry = security_ticket_viewed(ticket=security, actor=agent, ip="10.0.0.1")
    assert entry.action == "ticket.security_viewed"
    assert entry.data == {"number": security.number}
    assert entry.actor == agent.user


def test_demo_registry_makes_the_brand_verifiable(settings):
    demo_registry_load()
    domain = settings.KB_BRAND["official_domain"]
    assert channel_verify(value=f"https://{domain}/download").status == "official"
    assert channel_verify(value="walletdesk-airdrop.xyz").status == "known_scam"


def test_a_change_made_by_another_process_is_seen_once_the_revision_moves(settings):
    from django.db.models import F

    from walletdesk.guard.models import PhishingEntry, PhishingSettings

    settings.WALLETDESK = {**settings.WALLETDESK, "GUARD_DIRECTORY_CHECK_SECONDS": 0}
    phishing_domain_block(domain="first-scam.top")
    assert links_check("second-scam.top") == []
    # Another process writes rows and bumps the revision; this process kept its copy.
    PhishingEntry.objects.create(kind="block", domain="second-scam.top")
    assert links_check("second-scam.top") == []
    PhishingSettings.objects.filter(pk=1).update(revision=F("revision") + 1)
    assert links_check("second-scam.top")[0].verdict == "blocked"
