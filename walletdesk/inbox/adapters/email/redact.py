"""The raw message as stored: secrets removed from every text part, even when the part is
base64 or quoted-printable encoded (where a plain search of the bytes cannot see them), and
from the top-level headers."""

import re
from email import message_from_bytes

from walletdesk.guard.redaction import redact
from walletdesk.inbox.adapters.email.body import part_text

HEADER_END = re.compile(rb"\r?\n\r?\n")
TEXTUAL = {"application/json", "application/x-javascript", "application/xml"}


def is_textual(content_type: str) -> bool:
    """Parts that may hold a secret as text (a keystore is JSON)."""
    return content_type.startswith("text/") or content_type in TEXTUAL


def _redact_parts(raw: bytes) -> bytes | None:
    """The message re-serialised with redacted text parts; None when no part held a secret."""
    msg = message_from_bytes(raw)
    changed = False
    for part in msg.walk():
        if part.is_multipart() or not is_textual(part.get_content_type()):
            continue
        result = redact(part_text(part))
        if result.findings:
            del part["Content-Transfer-Encoding"]
            part.set_payload(result.text, "utf-8")
            changed = True
    return msg.as_bytes() if changed else None


def redact_raw(raw: bytes, *, generic) -> tuple[bytes, bool]:  # type: ignore[no-untyped-def]
    """`generic` (bytes -> (bytes, found)) is applied to the header block; the text parts are
    redacted decoded. Binary attachments are kept as they are."""
    rebuilt = _redact_parts(raw)
    source = rebuilt if rebuilt is not None else raw
    end = HEADER_END.search(source)
    split = end.end() if end else len(source)
    head, found = generic(source[:split])
    return head + source[split:], found or rebuilt is not None
