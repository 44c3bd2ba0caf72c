"""The one table of channel adapters: channel -> parse (raw payload -> InboundMessage list)
and send (OutboundMessage -> provider id, raising SendError).

Adding a channel: copy a sibling package, then `register(...)` it in `load_builtin`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from walletdesk.inbox.types import InboundMessage, OutboundMessage, Prepared

Parse = Callable[[bytes], list[InboundMessage]]
Send = Callable[[OutboundMessage], str]
RedactRaw = Callable[[bytes], tuple[bytes, bool]]
# Given the stored InboundRecord, do the work that needs no transaction (parse, fetch files) and
# return what to do inside the record's transaction (see types.Prepared).
Prepare = Callable[[Any], Prepared]
Touch = Callable[[list[InboundMessage]], None]


@dataclass(frozen=True, slots=True)
class Adapter:
    channel: str
    parse: Parse | None = None
    send: Send | None = None
    # How to reach the customer: the CustomerIdentity kind the outbox addresses.
    identity_kind: str = ""
    # The payload as stored, secrets removed (default: redact the payload as UTF-8 text).
    redact_raw: RedactRaw | None = None
    # A channel whose stored records need more than `parse` (Telegram fetches files, answers
    # /start) prepares them itself; the intake's processing defers to it.
    prepare: Prepare | None = None
    # The channel's own write for messages a drained batch ingests together, in the batch's
    # transaction (Telegram: the chats they came from, in one statement).
    touch: Touch | None = None


_registry: dict[str, Adapter] = {}


def register(adapter: Adapter) -> None:
    _registry[adapter.channel] = adapter


def get(channel: str) -> Adapter | None:
    return _registry.get(channel)


def can_send(channel: str) -> bool:
    adapter = _registry.get(channel)
    return adapter is not None and adapter.send is not None


def load_builtin() -> None:
    """Register the channels shipped with Walletdesk (called once from the app config)."""
    from walletdesk.inbox.adapters import email, telegram, webchat

    register(email.ADAPTER)
    register(telegram.ADAPTER)
    register(webchat.ADAPTER)
