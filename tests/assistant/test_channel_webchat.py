"""Web chat: the assistant's replies appear in the visitor's chat (the frames the widget
reads), a clarifying question can be answered with "1", "thanks" after an answer resolves the
ticket, and "that did not help" hands it over."""

import pytest

from tests.assistant.channel_intake import chat_frames, chat_say, chat_session
from walletdesk.assistant.models import Conversation
from walletdesk.tickets.models import Message, Ticket

pytestmark = pytest.mark.django_db


def _said(session) -> list[tuple[str, str]]:
    return [(frame["from"], frame["text"]) for frame in chat_frames(session)]


def test_the_answer_follows_the_question_in_the_chat(on_channels):
    session = chat_session("zh-hans")
    on_channels(chat_say, session, "怎么添加自定义代币？")
    [(who_asked, _), (who_answered, answer)] = _said(session)
    assert (who_asked, who_answered) == ("customer", "assistant")
    assert "/help/add-custom-token/" in answer and "操作步骤" in answer


def test_a_clarifying_question_then_the_chosen_topic(on_channels):
    session = chat_session()
    on_channels(chat_say, session, "not working")
    question = _said(session)[-1][1]
    assert question.startswith("Could you tell me a little more?")
    on_channels(chat_say, session, "1")
    conversation = Conversation.objects.get()
    assert conversation.last_action == "answer" and conversation.status == "active"
    assert "/help/" in _said(session)[-1][1]


def test_thanks_after_an_answer_resolves_the_ticket(on_channels):
    session = chat_session()
    on_channels(chat_say, session, "Where can I download the official app?")
    on_channels(chat_say, session, "thanks, that worked")
    assert _said(session)[-1][1].startswith("Glad that solved it")
    assert Ticket.objects.get().status == "resolved"
    conversation = Conversation.objects.get()
    assert conversation.status == "resolved"
    assert set(conversation.exchanges.values_list("outcome", flat=True)) == {"resolved"}


def test_that_did_not_help_hands_over(on_channels):
    session = chat_session()
    on_channels(chat_say, session, "Where can I download the official app?")
    on_channels(chat_say, session, "that didn't help")
    ticket = Ticket.objects.get()
    assert ticket.status == "open" and ticket.intent == "app_download_and_verify"
    note = ticket.messages.get(direction=Message.Direction.NOTE).body_text
    assert "not_helped" in note and "app_download_and_verify" in note
    assert "passing this to a support agent" in _said(session)[-1][1]
