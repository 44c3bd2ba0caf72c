"""Outbox sender: one agent reply as one or more sendMessage calls.

Each part Telegram accepted is remembered (TelegramSentPart), so a retry after a 429 or a
crash sends only the parts still missing.
"""

from django.db import IntegrityError, transaction

from walletdesk.core.clock import now
from walletdesk.inbox.adapters.telegram.client import BotApi, TelegramError
from walletdesk.inbox.adapters.telegram.config import BotConfig, bot_get, default_bot
from walletdesk.inbox.adapters.telegram.models import TelegramChat, TelegramSentPart
from walletdesk.inbox.adapters.telegram.split import split_text
from walletdesk.inbox.types import OutboundMessage, SendError

PERMANENT = {400, 401, 403, 404}  # chat not found, bot blocked, bad token


def bot_for(outbound: OutboundMessage) -> BotConfig | None:
    """The bot this customer talks to: the ticket's, else the chat's latest, else the default."""
    name = (outbound.metadata.get("telegram") or {}).get("bot", "")
    if not name and outbound.recipient.lstrip("-").isdigit():
        name = (
            TelegramChat.objects.filter(chat_id=int(outbound.recipient))
            .order_by("-last_update_at")
            .values_list("bot", flat=True)
            .first()
        ) or ""
    return (bot_get(name) if name else None) or default_bot()


def message_send(outbound: OutboundMessage) -> str:
    bot = bot_for(outbound)
    if bot is None:
        raise SendError("no Telegram bot is configured", temporary=False)
    parts = split_text(outbound.text) or ["…"]
    done = dict(
        TelegramSentPart.objects.filter(delivery_id=outbound.delivery_id).values_list(
            "part", "telegram_message_id"
        )
    )
    api = BotApi(bot)
    for index, text in enumerate(parts):
        if index not in done:
            done[index] = _send_part(api, outbound, index, text)
    first = done[0]
    more = f"+{len(parts) - 1}" if len(parts) > 1 else ""
    return f"{outbound.recipient}:{first}{more}"


def _send_part(api: BotApi, outbound: OutboundMessage, index: int, text: str) -> int:
    try:
        result = api.call("sendMessage", {"chat_id": outbound.recipient, "text": text})
    except TelegramError as exc:
        temporary = exc.status not in PERMANENT
        raise SendError(str(exc), temporary=temporary, retry_after=exc.retry_after) from None
    message_id = int(result.get("message_id", 0)) if isinstance(result, dict) else 0
    try:
        with transaction.atomic():
            TelegramSentPart.objects.create(
                delivery_id=outbound.delivery_id,
                part=index,
                telegram_message_id=message_id,
                sent_at=now(),
            )
    except IntegrityError:  # another attempt recorded this part at the same moment
        pass
    return message_id
