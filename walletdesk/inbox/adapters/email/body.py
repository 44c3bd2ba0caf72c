"""The readable body and the attachments of a MIME tree. Pure.

One canonical text per message: text/plain from a multipart/alternative (HTML turned into text
when there is no plain part), inline text parts of a multipart/mixed joined in order. Anything
else is an attachment: files, nested messages (message/rfc822), signatures and encrypted parts
of multipart/signed and multipart/encrypted, uuencoded blocks inside plain text.
"""

import binascii
import re
from dataclasses import dataclass, field
from email.message import Message

from walletdesk.inbox.adapters.email.charsets import text_from_bytes
from walletdesk.inbox.adapters.email.headers import header_text
from walletdesk.inbox.adapters.email.html_text import html_to_text
from walletdesk.inbox.types import InboundAttachment

MAX_DEPTH = 20
UU_RE = re.compile(r"^begin [0-7]{3,4} (?P<name>[^\r\n]+)\r?\n(?P<body>.*?)^end\s*$", re.M | re.S)
SIGNATURE_TYPES = {
    "application/pgp-signature",
    "application/pkcs7-signature",
    "application/x-pkcs7-signature",
}


@dataclass
class Body:
    text: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    attachments: list[InboundAttachment] = field(default_factory=list)
    report: Message | None = None  # the delivery-status part of a bounce
    original_headers: Message | None = None  # the returned message of a bounce
    signed: bool = False
    encrypted: bool = False


def children(part: Message) -> list[Message]:
    payload = part.get_payload()
    return [p for p in payload if isinstance(p, Message)] if isinstance(payload, list) else []


def part_bytes(part: Message) -> bytes:
    """The decoded payload (base64, quoted-printable, uuencode) of a leaf part."""
    data = part.get_payload(decode=True)
    if isinstance(data, bytes):
        return data
    payload = part.get_payload()
    return payload.encode("utf-8", "surrogateescape") if isinstance(payload, str) else b""


def part_text(part: Message) -> str:
    return text_from_bytes(part_bytes(part), part.get_content_charset())


def _filename(part: Message) -> str:
    try:
        name = part.get_filename()  # RFC 2231 (name*=utf-8''...) and plain parameters
    except Exception:
        name = None
    if not name:
        param = part.get_param("name")
        name = param if isinstance(param, str) else None
    return header_text(name) if name else ""  # RFC 2047 inside a parameter (common, invalid)


def _is_attachment(part: Message) -> bool:
    disposition = (part.get("Content-Disposition") or "").split(";")[0].strip().lower()
    return disposition == "attachment" or bool(_filename(part))


def _attach(body: Body, part: Message, default_name: str = "attachment") -> None:
    name = _filename(part) or default_name
    body.attachments.append(InboundAttachment(name, part.get_content_type(), part_bytes(part)))


def _leaf(body: Body, part: Message) -> None:
    ctype = part.get_content_type()
    if ctype in {"text/plain", "text/html"} and not _is_attachment(part):
        text = part_text(part)
        if ctype == "text/plain":
            body.text.append(_uudecode(body, text))
        else:
            body.html.append(text)
        return
    _attach(body, part)


def _uudecode(body: Body, text: str) -> str:
    """Lift uuencoded files out of plain text into attachments."""

    def lift(match: re.Match[str]) -> str:
        data = bytearray()
        for line in match.group("body").splitlines():
            if not line.strip() or line == "`":
                continue
            try:
                data += binascii.a2b_uu(line)
            except binascii.Error:
                return match.group(0)  # not really uuencode: leave the text alone
        name = match.group("name").strip()
        body.attachments.append(InboundAttachment(name, "application/octet-stream", bytes(data)))
        return f"[attachment: {name}]"

    return UU_RE.sub(lift, text) if "begin " in text else text


def _alternative(body: Body, part: Message, depth: int) -> None:
    parts = children(part)
    plain = [c for c in parts if c.get_content_type() == "text/plain"]
    html = [c for c in parts if c.get_content_type() == "text/html"]
    if plain:
        body.text.append(part_text(plain[-1]))
    if html:
        body.html.append(part_text(html[-1]))
    if not plain and not html and parts:
        walk(body, parts[-1], depth + 1)  # e.g. only multipart/related inside
    elif not plain:
        related = [c for c in parts if c.is_multipart()]
        for child in related:
            walk(body, child, depth + 1)


def _report(body: Body, part: Message, depth: int) -> None:
    for child in children(part):
        ctype = child.get_content_type()
        if ctype in {"message/delivery-status", "message/global-delivery-status"}:
            body.report = child
        elif ctype in {"message/rfc822", "text/rfc822-headers", "message/rfc822-headers"}:
            body.original_headers = _embedded(child)
        else:
            walk(body, child, depth + 1)


def _embedded(part: Message) -> Message | None:
    payload = part.get_payload()
    if isinstance(payload, list):
        inner = children(part)
        return inner[0] if inner else None
    if isinstance(payload, str):
        from email import message_from_string

        return message_from_string(payload)
    return None


def _signed(body: Body, part: Message, depth: int) -> None:
    body.signed = True
    for child in children(part):
        if child.get_content_type() in SIGNATURE_TYPES:
            _attach(body, child, "signature.asc")
        else:
            walk(body, child, depth + 1)


def _encrypted(body: Body, part: Message) -> None:
    body.encrypted = True
    for index, child in enumerate(children(part)):
        _attach(body, child, f"encrypted-{index}.asc")


def _nested_message(body: Body, part: Message) -> None:
    inner = _embedded(part)
    subject = header_text(inner.get("Subject")) if inner is not None else ""
    data = inner.as_bytes() if inner is not None else part_bytes(part)
    name = (re.sub(r"[^\w\- .]", "_", subject)[:60] or "message") + ".eml"
    body.attachments.append(InboundAttachment(name, "message/rfc822", data))


def walk(body: Body, part: Message, depth: int = 0) -> None:
    ctype = part.get_content_type()
    if depth > MAX_DEPTH:
        raise ValueError("MIME nesting too deep")
    if ctype == "message/rfc822" or (ctype.startswith("message/") and part.is_multipart()):
        _nested_message(body, part)
    elif not part.is_multipart():
        _leaf(body, part)
    elif ctype == "multipart/alternative":
        _alternative(body, part, depth)
    elif ctype == "multipart/report":
        _report(body, part, depth)
    elif ctype == "multipart/signed":
        _signed(body, part, depth)
    elif ctype == "multipart/encrypted":
        _encrypted(body, part)
    else:
        for child in children(part):
            walk(body, child, depth + 1)


def collect(msg: Message) -> Body:
    body = Body()
    walk(body, msg)
    if not body.text and body.html:
        body.text = [html_to_text(h) for h in body.html]
    return body
