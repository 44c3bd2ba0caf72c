"""Text attachments are redacted whatever type they declare; binary files are left alone."""

import pytest

from walletdesk.guard.redaction import redact_attachment

PHRASE = "legal winner thank year wave sausage worth useful legal winner thank yellow"
KEYSTORE_TYPE = "application/octet-stream"  # how keystore files usually arrive


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (f"my words: {PHRASE}\n".encode(), "text/plain"),
        (f"my words: {PHRASE}\n".encode(), KEYSTORE_TYPE),
        (f"助记词 {PHRASE}".encode("gb18030"), "text/plain; charset=gb18030"),
        (f"words {PHRASE}".encode("utf-16"), "text/plain"),
    ],
)
def test_text_is_redacted(data, content_type):
    stored = redact_attachment(data, content_type)
    assert b"sausage" not in stored and "sausage".encode("utf-16-le") not in stored
    assert stored != data


def test_binary_and_clean_files_are_kept_byte_for_byte():
    png = b"\x89PNG\r\n\x1a\n\x00\x00" + PHRASE.encode()  # binary: never rewritten
    assert redact_attachment(png, "image/png") == png
    clean = b"hello, my transfer is late"
    assert redact_attachment(clean, "text/plain") is clean
