"""A raw email (bytes) -> one InboundMessage. Pure apart from the clock fallback.

The parser reads what real mailers send (compat32, tolerant of defects); a message it cannot
read at all raises `EmailParseError` and the caller quarantines the raw bytes.
"""

import hashlib
import re
from datetime import UTC, datetime
from email import message_from_bytes
from email.message import Message
from email.parser import BytesHeaderParser
from email.utils import parsedate_to_datetime

from walletdesk.core.clock import now
from walletdesk.inbox.adapters.email import body as mime
from walletdesk.inbox.adapters.email.classify import classify
from walletdesk.inbox.adapters.email.headers import (
    address,
    addresses,
    get_text,
    message_ids,
    raw_all,
    raw_get,
)
from walletdesk.inbox.adapters.email.trim import trim_reply
from walletdesk.inbox.types import Automated, InboundMessage, Sender, ThreadHints

CHANNEL = "email"
TICKET_NUMBER_RE = re.compile(r"\b([A-Z]{2,6}-\d{4}-\d{6,})\b", re.I)
REPLY_TOKEN_RE = re.compile(r"\+(t[0-9]{1,18}x[0-9a-f]{20})@", re.I)
ADDRESS_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]+$|^[^@\s]{1,64}@localhost$")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
MAX_ADDRESS = 254
RECIPIENT_HEADERS = ("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To")


class EmailParseError(ValueError):
    pass


def external_id_of(raw: bytes) -> str:
    """The id a message is stored under: its Message-ID, else the SHA-256 of its bytes."""
    try:
        headers = BytesHeaderParser().parsebytes(raw, headersonly=True)
        ids = message_ids(raw_get(headers, "Message-ID"))
    except Exception:
        ids = []
    return ids[0][:255] if ids else "sha256:" + hashlib.sha256(raw).hexdigest()


def _sender(msg: Message) -> tuple[str, str]:
    for header in ("From", "Sender", "Reply-To", "Return-Path"):
        name, addr = address(raw_get(msg, header))
        if addr and len(addr) <= MAX_ADDRESS and ADDRESS_RE.match(addr):
            return name, addr
    raise EmailParseError("no usable sender address")


def _received_at(msg: Message) -> datetime:
    try:
        when = parsedate_to_datetime(get_text(msg, "Date"))
    except (TypeError, ValueError, IndexError):
        return now()
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _reply_token(msg: Message) -> str:
    for value in addresses([v for h in RECIPIENT_HEADERS for v in raw_all(msg, h)]):
        found = REPLY_TOKEN_RE.search(value)
        if found:
            return found.group(1).lower()
    return ""


def _thread(msg: Message, subject: str, body: mime.Body) -> ThreadHints:
    references = tuple(message_ids(raw_get(msg, "References")))
    in_reply_to = next(iter(message_ids(raw_get(msg, "In-Reply-To"))), "")
    if body.original_headers is not None:  # a bounce names our message in its returned copy
        returned = message_ids(raw_get(body.original_headers, "Message-ID"))
        references = (*references, *returned)
    number = TICKET_NUMBER_RE.search(subject)
    return ThreadHints(
        reply_token=_reply_token(msg),
        in_reply_to=in_reply_to,
        references=references[-50:],
        ticket_number=number.group(1).upper() if number else "",
    )


def _dmarc_pass(msg: Message, sender: str, trusted_authserv_id: str) -> bool:
    """Our own MTA's Authentication-Results says DMARC passed for the From domain."""
    if not trusted_authserv_id:
        return False
    domain = sender.rsplit("@", 1)[-1]
    for value in raw_all(msg, "Authentication-Results"):
        text = " ".join(value.split()).lower()
        if text.split(";", 1)[0].strip() != trusted_authserv_id.lower():
            continue
        return "dmarc=pass" in text and f"header.from={domain}" in text
    return False


def _bounce_text(body: mime.Body) -> str:
    lines = ["\n\n".join(t for t in body.text if t.strip()).strip()]
    if body.report is not None:
        for block in mime.children(body.report):
            for key in ("Final-Recipient", "Status", "Diagnostic-Code", "Action"):
                if block.get(key):
                    lines.append(f"{key}: {get_text(block, key)}")
    return "\n".join(line for line in lines if line)


def _language(msg: Message) -> str:
    return get_text(msg, "Content-Language").split(",")[0].strip()[:35]


def clean(text: str) -> str:
    """No NUL (PostgreSQL refuses it), other control characters or lone surrogates."""
    return CONTROL_RE.sub("", text)


def parse(raw: bytes, *, trusted_authserv_id: str = "") -> list[InboundMessage]:
    """Read one raw message; raises EmailParseError when it has no usable sender."""
    if not raw.strip():
        raise EmailParseError("empty message")
    msg = message_from_bytes(raw)
    name, sender = _sender(msg)
    subject = get_text(msg, "Subject")
    body = mime.collect(msg)
    full = clean("\n\n".join(t.strip("\n") for t in body.text if t.strip()).strip())
    automated = classify(msg, sender=sender, subject=subject, text=full)
    text = clean(_bounce_text(body)) if automated == Automated.BOUNCE else trim_reply(full)
    html = clean("\n".join(body.html)) if text == full.strip() else ""
    metadata: dict[str, object] = {}
    if body.signed or body.encrypted:
        metadata["email"] = {"signed": body.signed, "encrypted": body.encrypted}
    if body.encrypted and not text:
        text = "(encrypted message: see the attachments)"
    return [
        InboundMessage(
            channel=CHANNEL,
            external_id=external_id_of(raw),
            sender=Sender(
                kind="email",
                value=sender,
                display_name=name,
                verified=_dmarc_pass(msg, sender, trusted_authserv_id),
            ),
            text=text,
            full_text=full,
            subject=subject,
            html=html,
            language=_language(msg),
            attachments=tuple(body.attachments),
            thread=_thread(msg, subject, body),
            automated=automated,
            received_at=_received_at(msg),
            metadata=metadata,
        )
    ]
