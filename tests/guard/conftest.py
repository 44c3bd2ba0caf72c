import pytest
from django.core.cache import cache

from tests import factories as f
from walletdesk.guard.selectors import directory_forget


@pytest.fixture(autouse=True)
def fresh_directory(settings):
    """Each test sees the registry rows it made, never a copy kept from another test, and
    starts with empty rate-limit counters; guard tests use only the routes they need."""
    settings.ROOT_URLCONF = "tests.guard.urls"
    directory_forget()
    cache.clear()
    yield
    directory_forget()


@pytest.fixture
def registry_rows(db):
    from walletdesk.guard import services
    from walletdesk.guard.models import ChannelKind

    services.official_channel_save(kind=ChannelKind.DOMAIN, value="walletdesk.com")
    services.official_channel_save(kind=ChannelKind.DOMAIN, value="https://help.walletdesk.io/")
    services.official_channel_save(
        kind=ChannelKind.TELEGRAM, value="https://t.me/WalletdeskSupport"
    )
    services.official_channel_save(kind=ChannelKind.X, value="@walletdesk")
    services.official_channel_save(kind=ChannelKind.EMAIL, value="support@walletdesk.com")
    services.official_channel_save(kind=ChannelKind.PHONE, value="+1 (800) 555-0100")
    services.official_channel_save(
        kind=ChannelKind.APP_STORE, value="https://apps.apple.com/us/app/walletdesk/id1234567890"
    )
    services.phishing_domain_block(domain="walletdesk-airdrop.xyz")
    services.scam_channel_add(kind=ChannelKind.TELEGRAM, value="@walletdesk_help_desk")


@pytest.fixture
def console_client(registry_rows, client, settings):
    """A signed-in frontline agent in the console, the registry loaded; the registry snapshot
    is not re-checked during the test, so query counts stay comparable."""
    settings.ROOT_URLCONF = "walletdesk.config.urls"
    settings.STAFF_2FA_REQUIRED = False
    settings.WALLETDESK = {**settings.WALLETDESK, "GUARD_DIRECTORY_CHECK_SECONDS": 3600}
    f.default_policies()
    agent = f.agent("liwei", teams=[f.team()])
    client.force_login(agent.user)
    return client
