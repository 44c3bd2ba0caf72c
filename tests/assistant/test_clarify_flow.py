"""One clarifying question when two intents are close; the reply picks one, a second
failure hands over."""

import pytest

from walletdesk.assistant.services import assistant_reply

VAGUE = "it doesn't work"  # the engine hesitates on this one (see the first test)


def reply(conversation, text):
    return assistant_reply(conversation=conversation, text=text, diagnose=lambda text, lang: [])


@pytest.fixture
def clarified(start):
    conversation = start()
    out = reply(conversation, VAGUE)
    assert out.action == "clarify"
    return conversation, out


def test_the_question_lists_the_two_likely_topics(clarified):
    conversation, out = clarified
    conversation.refresh_from_db()
    assert len(conversation.pending_options) == 2
    assert "1. " in out.text and "2. " in out.text


def test_answering_with_a_number_gets_that_topics_answer(clarified):
    conversation, _ = clarified
    conversation.refresh_from_db()
    chosen = conversation.pending_options[0]
    out = reply(conversation, "1")
    assert (out.action, out.intent) == ("answer", chosen)
    assert out.articles


def test_a_second_vague_message_hands_over(clarified):
    conversation, _ = clarified
    out = reply(conversation, VAGUE)
    assert (out.action, out.reason) == ("handover", "second_failure")
