"""Admins edit the official registry and the phishing lists in the Django admin: every change
is audited and the checker uses it at once; nobody else may open those pages."""

import pytest
from django.contrib.auth import get_user_model

from tests import factories as f
from walletdesk.guard.models import AuditEntry, ChannelKind, OfficialChannel
from walletdesk.guard.selectors import channel_verify, links_check


@pytest.fixture
def admin_client(client, settings, db):
    settings.STAFF_2FA_REQUIRED = False
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "pw-root")
    client.force_login(admin)
    return client


def test_an_official_channel_added_in_the_admin_is_official_at_once(admin_client):
    assert channel_verify(value="@WalletdeskHelp", kind="telegram").status == "not_official"
    response = admin_client.post(
        "/admin/guard/officialchannel/add/",
        {"kind": ChannelKind.TELEGRAM, "value": "https://t.me/WalletdeskHelp", "label": "help",
         "is_active": "on"},
    )  # fmt: skip
    assert response.status_code == 302, response.content
    assert OfficialChannel.objects.get().value == "walletdeskhelp"
    assert channel_verify(value="@walletdeskhelp", kind="telegram").status == "official"
    assert AuditEntry.objects.filter(
        actor__username="root", action__startswith="registry."
    ).exists()


def test_a_domain_blocked_in_the_admin_is_blocked_at_once(admin_client):
    assert links_check("see claim-bonus-airdrop.xyz") == []
    response = admin_client.post(
        "/admin/guard/phishingentry/add/",
        {"kind": "block", "domain": "claim-bonus-airdrop.xyz", "note": "reported twice"},
    )
    assert response.status_code == 302, response.content
    [flag] = links_check("see https://www.claim-bonus-airdrop.xyz/x")
    assert flag.verdict == "blocked"
    assert AuditEntry.objects.filter(action="blocklist.changed", actor__username="root").exists()


@pytest.mark.parametrize("page", ["officialchannel", "phishingentry", "brandname", "scamchannel"])
def test_agents_cannot_open_the_registry(client, settings, page, db):
    settings.STAFF_2FA_REQUIRED = False
    client.force_login(f.agent().user)
    assert client.get(f"/admin/guard/{page}/").status_code in (302, 403)
