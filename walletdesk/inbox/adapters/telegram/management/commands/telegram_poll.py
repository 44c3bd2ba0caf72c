import time

from django.core.management.base import BaseCommand, CommandError

from walletdesk.inbox.adapters.telegram.client import TelegramError
from walletdesk.inbox.adapters.telegram.config import bot_get, conf, default_bot
from walletdesk.inbox.adapters.telegram.polling import CONFLICT, poll_once


class Command(BaseCommand):
    help = "Receive Telegram updates by long polling (getUpdates) instead of the webhook."

    def add_arguments(self, parser):
        parser.add_argument("--bot", default="", help="bot name (default: the first configured)")
        parser.add_argument("--once", action="store_true", help="one getUpdates round, then exit")
        parser.add_argument(
            "--delete-webhook", action="store_true", help="remove a webhook first (else 409)"
        )

    def handle(self, *args, bot: str, once: bool, delete_webhook: bool, **options):
        config = bot_get(bot) if bot else default_bot()
        if config is None:
            raise CommandError("no Telegram bot configured (TELEGRAM_BOT_TOKEN)")
        if delete_webhook:
            from walletdesk.inbox.adapters.telegram.client import BotApi

            BotApi(config).call("deleteWebhook", {"drop_pending_updates": False})
        timeout = 0 if once else int(conf()["POLL_TIMEOUT_SECONDS"])
        offset = None
        self.stdout.write(f"polling bot {config.name!r}")
        while True:
            try:
                offset, stored = poll_once(bot=config, offset=offset, timeout=timeout)
            except TelegramError as exc:
                if exc.status == CONFLICT:
                    raise CommandError("a webhook is set: use --delete-webhook") from None
                self.stderr.write(f"getUpdates failed: {exc}; retrying")
                if once:
                    raise CommandError(str(exc)) from None
                time.sleep(exc.retry_after or 5)
                continue
            if stored:
                self.stdout.write(f"stored {stored} update(s)")
            if once:
                return
