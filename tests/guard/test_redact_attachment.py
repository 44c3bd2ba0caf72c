"""Text attachments are redacted whatever type they declare; binary files are left alone."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mnemonic import Mnemonic

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


ZH_PHRASE = "筹蒸际刘承芳哈申竟霸绿团弓租分"  # 15 words, no spaces (corpus pos00032)
JA_PHRASE = unicodedata.normalize(  # as typed (composed), not the list's decomposed form
    "NFC", Mnemonic("japanese").to_mnemonic(bytes.fromhex("8f3a61c2d94e07b5a1f0c3d2e4b59687"))
)


@pytest.mark.parametrize(
    ("text", "encoding", "content_type"),
    [
        (f"words {PHRASE}", "utf-16-le", "text/plain"),  # UTF-16 without a BOM
        (f"助记词：{ZH_PHRASE}", "utf-16-le", "application/octet-stream"),  # no zero byte at all
        (f"助记词：{ZH_PHRASE}", "utf-16-be", ""),
        (f"助记词 {PHRASE}", "gb18030", "application/octet-stream"),  # Chinese Windows "ANSI"
        (f"助記詞：{PHRASE}", "big5", "application/octet-stream"),
        (f"秘密の言葉 {JA_PHRASE}", "shift_jis", "text/plain"),
        (f"words {PHRASE}", "utf-16", "application/octet-stream"),  # with a BOM
        (f"단어 {PHRASE}", "euc-kr", "text/plain; charset=latin-1"),  # a wrong charset
    ],
)
def test_text_in_other_encodings_is_redacted_in_its_encoding(text, encoding, content_type):
    data = text.encode(encoding)
    stored = redact_attachment(data, content_type)
    readable = stored.decode(encoding)
    assert "[redacted: recovery phrase]" in readable
    assert "sausage" not in readable and ZH_PHRASE[:3] not in readable
    assert JA_PHRASE.split("\u3000")[1] not in readable


def test_binary_and_clean_files_are_kept_byte_for_byte():
    png = b"\x89PNG\r\n\x1a\n\x00\x00" + PHRASE.encode()  # binary: never rewritten
    assert redact_attachment(png, "image/png") == png
    clean = b"hello, my transfer is late"
    assert redact_attachment(clean, "text/plain") is clean


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600), st.sampled_from(["", "text/plain", "application/octet-stream"]))
def test_any_bytes_are_handled_and_binary_with_nul_units_is_kept(data, content_type):
    stored = redact_attachment(data, content_type)
    assert isinstance(stored, bytes)
    binary = b"\x89PNG\x00\x00" + data
    assert redact_attachment(binary, "image/png") == binary
