"""Builders for inbox tests."""

import itertools
from dataclasses import replace

from walletdesk.core.clock import now
from walletdesk.inbox.types import InboundMessage, Sender, ThreadHints

_seq = itertools.count(1)


def inbound(
    *,
    sender: str = "alice@example.com",
    text: str = "My USDT transfer has not arrived.",
    channel: str = "email",
    verified: bool = False,
    **fields,
) -> InboundMessage:
    thread = fields.pop("thread", ThreadHints())
    return InboundMessage(
        channel=channel,
        external_id=fields.pop("external_id", f"m{next(_seq)}@mail.example.com"),
        sender=Sender(kind="email", value=sender, display_name="Alice", verified=verified),
        text=text,
        subject=fields.pop("subject", "USDT missing"),
        received_at=now(),
        thread=thread,
        **fields,
    )


def reply_to(message: InboundMessage, **fields) -> InboundMessage:
    """A follow-up that names `message` in In-Reply-To."""
    return replace(
        inbound(sender=message.sender.value, **fields),
        thread=ThreadHints(in_reply_to=message.external_id),
    )
