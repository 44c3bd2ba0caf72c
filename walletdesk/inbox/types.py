"""What every channel adapter hands to the intake path, and what it gets back.

Adapters build these from their payloads (pure `parse`); `services.message_ingest` takes them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from walletdesk.tickets.models import Message, Ticket


@dataclass(frozen=True, slots=True)
class Sender:
    """A channel identity, as `accounts.services.customer_resolve` takes it.

    `kind` is a `CustomerIdentity.Kind` ("email", "telegram", …). `verified` means the channel
    itself vouches for it (Telegram user ids; email only with a trusted DKIM/DMARC pass).
    """

    kind: str
    value: str
    display_name: str = ""
    verified: bool = False


@dataclass(frozen=True, slots=True)
class InboundAttachment:
    name: str
    content_type: str
    data: bytes = field(repr=False)


@dataclass(frozen=True, slots=True)
class ThreadHints:
    """Everything that may tie a message to an existing ticket, strongest first."""

    reply_token: str = ""  # our signed token (email reply address, widget session)
    in_reply_to: str = ""
    references: tuple[str, ...] = ()
    ticket_number: str = ""  # e.g. from "[WD-2026-000123]" in a subject
    conversation_id: str = ""  # a channel's chat/conversation id (Telegram chat, web chat)


class Automated:
    """Why a message came from a machine rather than a person ("" = a person)."""

    NONE = ""
    AUTO_REPLY = "auto_reply"  # out-of-office, Auto-Submitted, X-Autoreply
    BULK = "bulk"  # mailing lists, Precedence: bulk/list/junk
    BOUNCE = "bounce"  # delivery status notifications
    NO_REPLY = "no_reply"  # no-reply senders, verification-code mail (the "ticket trick")


@dataclass(frozen=True, slots=True)
class InboundMessage:
    channel: str  # a tickets Channel value
    external_id: str  # unique per channel (Message-ID, "<bot>:<update_id>", client message id)
    sender: Sender
    text: str
    received_at: datetime
    subject: str = ""
    html: str = ""
    language: str = ""  # hint, e.g. "zh-hans"; empty = keep the customer's
    attachments: tuple[InboundAttachment, ...] = ()
    thread: ThreadHints = ThreadHints()
    automated: str = Automated.NONE
    full_text: str = ""  # the whole text before quoted history/signature were trimmed
    record_id: int | None = None  # the InboundRecord holding the raw payload
    metadata: dict[str, Any] = field(default_factory=dict)
    # Parsed from a payload stored redacted: its redaction markers stand for secrets the
    # customer sent (the ticket is handled as exposed, as if the original had been read).
    redacted: bool = False


@dataclass(frozen=True, slots=True)
class IngestResult:
    ticket: "Ticket | None"
    message: "Message | None"
    created_ticket: bool = False
    duplicate: bool = False
    outcome: str = "stored"  # stored | duplicate | ignored | bounce


# Runs inside the record's transaction, the record locked; the argument says whether the
# record was never processed before (its messages skip the look-up for an earlier copy).
Apply = Callable[[bool], list[IngestResult]]


@dataclass(frozen=True, slots=True)
class Prepared:
    """A stored record made ready outside any transaction (parsed, files fetched).

    `apply` does its work alone, in the record's own transaction. `inbound`, when set, is the
    one message it holds, which a drained batch may ingest together with other records'
    messages instead (after the adapter's `touch`, in the batch's transaction)."""

    apply: Apply
    inbound: InboundMessage | None = None


@dataclass(frozen=True, slots=True)
class OutboundMessage:
    """What a channel sender needs to deliver one agent reply."""

    delivery_id: int
    channel: str
    recipient: str  # the identity value (email address, telegram chat id)
    subject: str
    text: str
    html: str
    language: str
    message_id: str  # stable across retries: the recipient can deduplicate
    in_reply_to: str = ""
    references: tuple[str, ...] = ()
    reply_token: str = ""  # signed; email turns it into a reply address
    ticket_number: str = ""
    attachments: tuple[InboundAttachment, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)


class SendError(Exception):
    """A delivery attempt failed. `temporary` ones are retried with backoff."""

    def __init__(self, message: str, *, temporary: bool = True, retry_after: float | None = None):
        super().__init__(message)
        self.temporary = temporary
        self.retry_after = retry_after
