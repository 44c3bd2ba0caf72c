"""Header values as text, however they arrived: RFC 2047 encoded words (with mislabelled
charsets), raw 8-bit bytes, folded lines. Pure."""

import re
from email.header import decode_header
from email.utils import getaddresses, parseaddr

from walletdesk.inbox.adapters.email.charsets import text_from_bytes

MSGID_RE = re.compile(r"<([^<>\s]+)>")
FOLD_RE = re.compile(r"\r?\n[ \t]+")
# An encoded word split by a fold inside (seen in the wild) is joined back before decoding.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _raw_text(value: object) -> str:
    """A header as parsed by the compat32 parser: str, with 8-bit bytes surrogate-escaped."""
    text = str(value) if not isinstance(value, str) else value
    if any("\udc80" <= ch <= "\udcff" for ch in text):
        text = text_from_bytes(text.encode("ascii", "surrogateescape"))
    return text


def header_text(value: object) -> str:
    """Decode one header value into readable, unfolded text; never raises."""
    if value is None:
        return ""
    text = FOLD_RE.sub(" ", _raw_text(value))
    if "=?" not in text:
        return CONTROL_RE.sub("", text).strip()
    try:
        chunks = decode_header(text)
    except Exception:  # a malformed encoded word: keep the text as it is
        return CONTROL_RE.sub("", text).strip()
    out = []
    for chunk, charset in chunks:
        if isinstance(chunk, str):
            out.append(chunk)
        else:
            out.append(text_from_bytes(chunk, charset))
    return CONTROL_RE.sub("", "".join(out)).strip()


def message_ids(value: object) -> list[str]:
    """Message-IDs in a header (In-Reply-To, References), without angle brackets."""
    text = header_text(value)
    found = MSGID_RE.findall(text)
    if not found and text and " " not in text and "@" in text:
        found = [text.strip("<>")]
    return found


def address(value: object) -> tuple[str, str]:
    """(display name, lower-cased address) of the first mailbox in a header."""
    name, addr = parseaddr(header_text(value))
    return name.strip().strip('"'), addr.strip().lower()


def addresses(values: list[object]) -> list[str]:
    return [a.strip().lower() for _, a in getaddresses([header_text(v) for v in values]) if a]


def raw_get(msg, name: str) -> str | None:  # type: ignore[no-untyped-def]
    """A header exactly as stored (8-bit bytes surrogate-escaped), first occurrence."""
    lowered = name.lower()
    for key, value in msg.raw_items():
        if key.lower() == lowered:
            return value
    return None


def raw_all(msg, name: str) -> list[str]:  # type: ignore[no-untyped-def]
    lowered = name.lower()
    return [value for key, value in msg.raw_items() if key.lower() == lowered]


def get_text(msg, name: str) -> str:  # type: ignore[no-untyped-def]
    return header_text(raw_get(msg, name))
