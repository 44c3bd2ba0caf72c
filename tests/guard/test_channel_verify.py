"""Verification: official / not official / known scam for URLs, e-mails, handles, phones."""

import pytest

from walletdesk.guard.channels import Kind, Status, guess_kind
from walletdesk.guard.selectors import channel_verify

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("https://walletdesk.com/download", Status.OFFICIAL),
        ("docs.help.walletdesk.io", Status.OFFICIAL),
        ("SUPPORT@walletdesk.com", Status.OFFICIAL),
        ("@walletdesksupport", Status.OFFICIAL),
        ("t.me/WalletdeskSupport", Status.OFFICIAL),
        ("https://x.com/walletdesk", Status.OFFICIAL),
        ("+1 800 555 0100", Status.OFFICIAL),
        ("https://apps.apple.com/cn/app/walletdesk-wallet/id1234567890?l=en", Status.OFFICIAL),
        ("https://walletdesk-airdrop.xyz/claim", Status.KNOWN_SCAM),
        ("help@walletdesk-airdrop.xyz", Status.KNOWN_SCAM),
        ("@walletdesk_help_desk", Status.KNOWN_SCAM),
        ("wa11etdesk.com", Status.NOT_OFFICIAL),
        ("help@walletdesk.com", Status.NOT_OFFICIAL),
        ("+1 800 555 0199", Status.NOT_OFFICIAL),
        ("https://apps.apple.com/app/id999", Status.NOT_OFFICIAL),
        ("google.com", Status.NOT_OFFICIAL),
    ],
)
def test_verdicts(registry_rows, value, status):
    assert channel_verify(value=value).status is status


def test_lookalike_handle_says_what_it_imitates(registry_rows):
    result = channel_verify(value="@wa11etdesksupport", kind="telegram")
    assert result.status is Status.NOT_OFFICIAL
    assert result.resembles == "walletdesksupport"


def test_lookalike_domain_carries_reasons(registry_rows):
    result = channel_verify(value="https://walletdesk-support.net")
    assert result.status is Status.NOT_OFFICIAL
    assert "brand_in_domain" in result.reasons


def test_inactive_official_channel_is_no_longer_official(registry_rows):
    from walletdesk.guard.services import official_channel_save

    official_channel_save(kind="x", value="walletdesk", is_active=False)
    assert channel_verify(value="@walletdesk", kind="x").status is Status.NOT_OFFICIAL


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("a@b.com", Kind.EMAIL),
        ("+86 138-0013-8000", Kind.PHONE),
        ("@someone", Kind.TELEGRAM),
        ("https://t.me/someone", Kind.TELEGRAM),
        ("twitter.com/someone", Kind.X),
        ("https://play.google.com/store/apps/details?id=com.x", Kind.APP_STORE),
        ("example.com/path", Kind.URL),
    ],
)
def test_kind_is_guessed(value, kind):
    assert guess_kind(value) is kind
