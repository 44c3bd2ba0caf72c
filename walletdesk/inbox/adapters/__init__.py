"""The one table of channel adapters: channel -> parse (raw payload -> InboundMessage list)
and send (OutboundMessage -> provider id, raising SendError).

Adding a channel: copy a sibling package, then `register(...)` it in `load_builtin`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from walletdesk.inbox.types import InboundMessage, OutboundMessage

Parse = Callable[[bytes], list[InboundMessage]]
Send = Callable[[OutboundMessage], str]
RedactRaw = Callable[[bytes], tuple[bytes, bool]]
Process = Callable[[int], object]


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
    # /start) processes them itself, given the InboundRecord id; `record_process` defers to it.
    process: Process | None = None


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
