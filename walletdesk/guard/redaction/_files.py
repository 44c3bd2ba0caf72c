"""Attachments: a file that is text (by its declared type, or because its bytes are UTF-8
text whatever the type says: keystore files come as application/octet-stream) is redacted
like message text; binary files are returned unchanged."""

from ._core import redact

_TEXT_TYPES = ("text/", "application/json", "application/xml", "application/javascript")


def _declared_text(content_type: str) -> bool:
    kind = content_type.split(";")[0].strip().lower()
    return kind.startswith(_TEXT_TYPES) or kind.endswith(("+json", "+xml"))


def _decoded(data: bytes, content_type: str) -> tuple[str, str] | None:
    """(text, encoding) when the bytes are text; None for binary data."""
    if not data or (b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return None
    encodings = ["utf-8"]
    if _declared_text(content_type):
        encodings += ["utf-16"] if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ["gb18030"]
    for encoding in encodings:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None


def redact_attachment(data: bytes, content_type: str = "") -> bytes:
    """The bytes to store for an attachment: text redacted, anything else as it is."""
    decoded = _decoded(data, content_type)
    if decoded is None:
        return data
    text, encoding = decoded
    redacted = redact(text)
    if not redacted.findings:
        return data
    return redacted.text.encode(encoding)
