"""Attachments: a file that is text is redacted like message text, whatever type it declares
(keystore files come as application/octet-stream, a Telegram document without an extension
too); binary files are returned unchanged.

A file is read as: the encoding its byte-order mark names; else its declared charset; else
UTF-8; else, as guesses, the legacy CJK encodings (GB18030, Big5, Shift_JIS, EUC-KR) and
UTF-16 without a BOM (even length, no NUL code unit). A reading by BOM or as UTF-8 is final;
the others are tried until one shows a secret. Anything else is binary.
"""

import array
import codecs
from collections.abc import Iterator

from ._core import redact

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_LEGACY = ("gb18030", "big5", "shift_jis", "euc-kr")


def _declared_charset(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            try:
                return codecs.lookup(value.strip().strip('"')).name
            except LookupError:
                return None
    return None


def _utf16_guesses(data: bytes) -> tuple[str, ...]:
    """UTF-16 without a BOM: even length and no NUL code unit (binary data has those)."""
    if len(data) % 2:
        return ()
    units = array.array("H")
    units.frombytes(data)
    if 0 in units:
        return ()
    even, odd = data[0::2].count(0), data[1::2].count(0)  # ASCII: zero high bytes
    return ("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le")


def _readings(data: bytes, content_type: str) -> Iterator[tuple[bytes, str, bool]]:
    """(prefix kept as it is, encoding of the rest, final) in the order they are tried."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            yield bom, encoding, True
            return
    declared = _declared_charset(content_type)
    if declared:  # not final: a charset such as latin-1 reads any bytes
        yield b"", declared, False
    if b"\x00" not in data:
        yield b"", "utf-8", True
        for encoding in _LEGACY:
            yield b"", encoding, False
    for encoding in _utf16_guesses(data):
        yield b"", encoding, False


def redact_attachment(data: bytes, content_type: str = "") -> bytes:
    """The bytes to store for an attachment: text redacted, anything else as it is."""
    if not data:
        return data
    for prefix, encoding, certain in _readings(data, content_type):
        try:
            text = data[len(prefix) :].decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        redacted = redact(text)
        if redacted.findings:
            return prefix + redacted.text.encode(encoding, errors="replace")
        if certain:
            return data
    return data
