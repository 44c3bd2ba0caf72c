"""The email corpus: each real-world-shaped message parses to the expected subject, sender,
body, attachments, threading hints and automated-mail verdict."""

import json
from pathlib import Path

import pytest

from walletdesk.inbox.adapters.email.parse import EmailParseError, parse

CORPUS = Path(__file__).parent / "fixtures" / "email"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))


def test_corpus_is_large_enough():
    assert len(EXPECTED) >= 60
    assert {p.stem for p in CORPUS.glob("*.eml")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_message_parses_as_expected(name):
    expect = EXPECTED[name]
    raw = (CORPUS / f"{name}.eml").read_bytes()
    if expect.get("error"):
        with pytest.raises(EmailParseError):
            parse(raw)
        return
    [message] = parse(raw)
    assert message.sender.value == expect["sender"]
    assert message.automated == expect.get("automated", "")
    if "subject" in expect:
        assert message.subject == expect["subject"]
    if "display" in expect:
        assert message.sender.display_name == expect["display"]
    for fragment in expect.get("contains", []):
        assert fragment in message.text
    for fragment in expect.get("excludes", []):
        assert fragment not in message.text
    if "text" in expect:
        assert message.text in {expect["text"], "(encrypted message: see the attachments)"}
    if "attachments" in expect:
        assert sorted(a.name for a in message.attachments) == sorted(expect["attachments"])
    _thread_hints(message, expect)


def _thread_hints(message, expect):
    thread = message.thread
    assert thread.in_reply_to == expect.get("in_reply_to", "")
    assert thread.reply_token == expect.get("reply_token", "")
    assert thread.ticket_number == expect.get("ticket_number", "")
    for reference in expect.get("references", []):
        assert reference in thread.references
    assert message.language == expect.get("language", "")
    assert bool(message.html) == expect.get("html", bool(message.html))
    if expect.get("sha_id"):
        assert message.external_id.startswith("sha256:")
    else:
        assert "@" in message.external_id
