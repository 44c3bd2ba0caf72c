"""Telegram bots: webhook and long polling in, sendMessage out (see docs/telegram.md).

Imported while Django loads apps, so the adapter functions import their modules lazily.
"""

from walletdesk.inbox.adapters import Adapter
from walletdesk.inbox.types import InboundMessage, OutboundMessage


def _parse(body: bytes) -> list[InboundMessage]:
    from walletdesk.inbox.adapters.telegram.adapter import parse_raw

    return parse_raw(body)


def _send(outbound: OutboundMessage) -> str:
    from walletdesk.inbox.adapters.telegram.sending import message_send

    return message_send(outbound)


def _prepare(record):  # type: ignore[no-untyped-def]
    from walletdesk.inbox.adapters.telegram.services import update_prepare

    return update_prepare(record=record)


def _touch(inbounds: list[InboundMessage]) -> None:
    from walletdesk.inbox.adapters.telegram.services import chats_touch

    chats_touch(inbounds)


def _redact(body: bytes) -> tuple[bytes, bool]:
    from walletdesk.inbox.adapters.telegram.adapter import redact_raw

    return redact_raw(body)


ADAPTER = Adapter(
    channel="telegram",
    parse=_parse,
    send=_send,
    identity_kind="telegram",
    redact_raw=_redact,
    prepare=_prepare,
    touch=_touch,
)
