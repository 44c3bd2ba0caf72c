"""`walletdesk mail-poll`: read new mail from the IMAP mailbox in the settings (IMAP_*)."""

import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from walletdesk.inbox.adapters.email.imap import ImapConfig, mailbox_poll
from walletdesk.inbox.services import delivery_sweep, records_pending_sweep

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Poll the IMAP mailbox (IMAP_HOST, …) for new mail; --once for a single pass."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--once", action="store_true", help="one pass, then exit")

    def handle(self, *args, once: bool, **options):  # type: ignore[no-untyped-def]
        config = ImapConfig.from_settings(settings.INBOX)
        if not config.host:
            raise CommandError("IMAP_HOST is not set")
        while True:
            self._pass(config)
            if once:
                return
            time.sleep(settings.INBOX["IMAP_POLL_SECONDS"])

    def _pass(self, config: ImapConfig) -> None:
        try:
            result = mailbox_poll(config)
            self.stdout.write(f"{config.mailbox}: {result.stored}/{result.fetched} stored")
        except Exception:  # a poll that fails is retried on the next pass, from the cursor
            logger.exception("polling %s failed", config.mailbox)
        records_pending_sweep()
        delivery_sweep()
