"""Telegram as a channel: updates in (pure mapping to InboundMessage), replies out."""

import json
from datetime import UTC, datetime
from typing import Any

from walletdesk.accounts.models import CustomerIdentity
from walletdesk.guard.redaction import redact
from walletdesk.inbox.adapters.telegram import parse as tg
from walletdesk.inbox.types import (
    InboundAttachment,
    InboundMessage,
    Sender,
    ThreadHints,
)
from walletdesk.tickets.choices import Channel

CHANNEL = Channel.TELEGRAM
EDITED_PREFIX = "[edited] "


def external_id(bot: str, update_id: int) -> str:
    return f"{bot}:{update_id}"


def decode(body: bytes) -> dict:
    """The JSON object of an update (raises InvalidUpdate when it is not one)."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise tg.InvalidUpdate("not JSON") from exc
    tg.update_id_of(data)
    return data


def to_inbound(
    update: tg.ParsedUpdate,
    *,
    bot: str,
    attachments: tuple[InboundAttachment, ...] = (),
    record_id: int | None = None,
) -> InboundMessage:
    text = update.text
    if update.edited:
        text = EDITED_PREFIX + text
    return InboundMessage(
        channel=CHANNEL,
        external_id=external_id(bot, update.update_id),
        sender=Sender(
            kind=CustomerIdentity.Kind.TELEGRAM,
            value=str(update.user_id),
            display_name=update.display_name,
            verified=True,  # Telegram vouches for the user id
        ),
        text=text or "[attachment]",
        received_at=datetime.fromtimestamp(update.date or 0, tz=UTC),
        language=update.language,
        attachments=attachments,
        thread=ThreadHints(conversation_id=f"{bot}:{update.chat_id}"),
        record_id=record_id,
        metadata={
            "telegram": {
                "bot": bot,
                "chat_id": update.chat_id,
                "message_id": update.message_id,
                "username": update.username,
                "language_code": update.language_code,
            }
        },
    )


def parse_raw(body: bytes, *, bot: str = "") -> list[InboundMessage]:
    """Registry `parse`: the messages of an update, without fetching its files. Stored records
    are processed by `services.update_process` (the registry's `process`), not by this."""
    from walletdesk.inbox.adapters.telegram.config import default_bot

    update = tg.parse(decode(body))
    if update.action is not tg.Action.INGEST:
        return []
    fallback = default_bot()
    return [to_inbound(update, bot=bot or (fallback.name if fallback else "default"))]


def redact_raw(body: bytes) -> tuple[bytes, bool]:
    """Redact every string inside the update, keeping it valid JSON."""
    data = json.loads(body)
    found = False

    def walk(value: Any) -> Any:
        nonlocal found
        if isinstance(value, str):
            result = redact(value)
            found = found or bool(result.findings)
            return result.text
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        return value

    cleaned = walk(data)
    if not found:
        return body, False
    return json.dumps(cleaned, ensure_ascii=False).encode(), True
