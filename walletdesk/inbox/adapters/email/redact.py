"""The raw message as stored: secrets removed from every text part, even when the part is
base64 or quoted-printable encoded (where a plain search of the bytes cannot see them), and
from the top-level headers."""

import base64
import re
from email import message_from_bytes

from walletdesk.guard.redaction import redact, redact_attachment
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
        if part.is_multipart():
            continue
        if not is_textual(part.get_content_type()):
            changed = _redact_binary_part(part) or changed
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


def _redact_binary_part(part) -> bool:  # type: ignore[no-untyped-def]
    """A part typed as binary whose bytes are text (a keystore as application/octet-stream)
    is redacted like the others and stored base64-encoded again."""
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes):
        return False
    cleaned = redact_attachment(data, part.get_content_type())
    if cleaned == data:
        return False
    del part["Content-Transfer-Encoding"]
    part.set_payload(base64.encodebytes(cleaned).decode("ascii"))
    part["Content-Transfer-Encoding"] = "base64"
    return True
