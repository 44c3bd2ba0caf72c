"""Fuzzing the email parser: no exception but EmailParseError escapes, and what comes out is
clean text (no NUL or control characters, a plausible sender)."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from walletdesk.inbox.adapters.email.parse import EmailParseError, parse

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CHARSETS = [
    "utf-8",
    "gb2312",
    "gbk",
    "big5",
    "iso-2022-jp",
    "ks_c_5601-1987",
    "utf-7",
    "windows-1252",
    "x-bogus",
    "",
    "unknown-8bit",
    "us-ascii",
]
ENCODINGS = ["7bit", "8bit", "base64", "quoted-printable", "x-uuencode", "binary", "bogus"]
TYPES = [
    "text/plain",
    "text/html",
    "multipart/alternative",
    "multipart/mixed",
    "multipart/report",
    "multipart/signed",
    "multipart/encrypted",
    "message/rfc822",
    "application/octet-stream",
    "",
    "text",
]


def _check(raw: bytes) -> None:
    try:
        messages = parse(raw)
    except EmailParseError:
        return
    for message in messages:
        for text in (
            message.text,
            message.full_text,
            message.subject,
            message.sender.display_name,
            message.html,
        ):
            assert not CONTROL.search(text)
        assert "@" in message.sender.value and len(message.sender.value) <= 254
        assert len(message.external_id) <= 255


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes(raw):
    _check(raw)


header_value = st.one_of(
    st.text(max_size=80),
    st.binary(max_size=80).map(lambda b: b.decode("latin-1")),
    st.sampled_from(
        ["=?utf-8?B?5L2g5aW9?=", "=?gb2312?Q?=C4=E3?=", "=?bogus?X?zz?=", "=?utf-8?B?"]
    ),
)


ADDRESSES = ["a@b.example", "x", "", "no-reply@z.example"]
DISPOSITIONS = ["attachment; filename*=utf-8", "inline", ""]


@st.composite
def mime_messages(draw):
    pick = lambda options: draw(st.sampled_from(options))  # noqa: E731
    boundary = pick(["b1", "", "=_x"])
    head = (
        f"From: {draw(header_value)} <{pick(ADDRESSES)}>\r\n"
        f"Subject: {draw(header_value)}\r\nMessage-ID: <{draw(header_value)}>\r\n"
        f"In-Reply-To: {draw(header_value)}\r\n"
        f'Content-Type: {pick(TYPES)}; charset={pick(CHARSETS)}; boundary="{boundary}"\r\n'
        f"Content-Transfer-Encoding: {pick(ENCODINGS)}\r\n"
        f"Content-Disposition: {pick(DISPOSITIONS)}\r\n\r\n"
    )
    body = b""
    for part in draw(st.lists(st.binary(max_size=300), max_size=4)):
        part_head = f"--{boundary}\r\nContent-Type: {pick(TYPES)}; charset={pick(CHARSETS)}"
        body += part_head.encode() + b"\r\n\r\n" + part + b"\r\n"
    return head.encode("utf-8", "surrogateescape") + body + f"--{boundary}--\r\n".encode()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mime_messages())
def test_structured_mime(raw):
    _check(raw)
