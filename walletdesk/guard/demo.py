"""Demo registry: the brand's official channels (from KB_BRAND settings) and a few scams."""

from django.conf import settings

from walletdesk.guard import services
from walletdesk.guard.models import BrandName, ChannelKind

DEMO_BLOCKLIST = ("walletdesk-airdrop.xyz", "wallet-example-support.top")


def demo_registry_load() -> None:
    brand = settings.KB_BRAND
    official = [
        (ChannelKind.DOMAIN, brand["official_domain"], "Website"),
        (ChannelKind.EMAIL, brand["support_email"], "Support e-mail"),
        (ChannelKind.TELEGRAM, brand["telegram_handle"], "Telegram support"),
        (ChannelKind.X, brand["x_handle"], "Announcements"),
        (ChannelKind.PHONE, "+1 800 555 0100", "Support hotline (demo)"),
    ]
    for kind, value, label in official:
        services.official_channel_save(kind=kind, value=value, label=label)
    BrandName.objects.get_or_create(name="walletdesk")
    for domain in DEMO_BLOCKLIST:
        services.phishing_domain_block(domain=domain, note="demo")
    services.scam_channel_add(kind=ChannelKind.TELEGRAM, value="@walletdesk_help_desk", note="demo")
    services.directory_changed()
