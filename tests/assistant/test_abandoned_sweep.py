"""The worker's sweep ends conversations the customer left: an unanswered clarifying question
goes to a person, an answer without reply ends politely and resolves the chat's ticket."""

from datetime import timedelta

import pytest

from tests.assistant.channel_intake import (
    chat_frames,
    chat_say,
    chat_session,
    email_raw,
    email_receive,
)
from walletdesk.assistant.models import Conversation, Exchange
from walletdesk.assistant.sweeps import abandoned_sweep
from walletdesk.core.clock import frozen_at, now
from walletdesk.ops.worker import sweep_once
from walletdesk.tickets.models import Message, Ticket

pytestmark = pytest.mark.django_db
LATER = timedelta(minutes=31)  # WALLETDESK_ASSISTANT_ABANDON_MINUTES is 30


def sweep_later(on_channels, delay=LATER) -> int:
    with frozen_at(now() + delay):
        return on_channels(abandoned_sweep)


def test_an_unanswered_question_goes_to_a_person(on_channels):
    session = chat_session()
    on_channels(chat_say, session, "not working")
    assert Ticket.objects.get().status == "pending"
    assert sweep_later(on_channels) == 1
    ticket = Ticket.objects.get()
    assert ticket.status == "open" and ticket.tags.filter(name="assistant-handover").exists()
    note = ticket.messages.get(direction=Message.Direction.NOTE).body_text
    assert note.startswith("Assistant handover (abandoned)")
    assert ticket.number in chat_frames(session)[-1]["text"]
    assert Conversation.objects.get().status == "handed_over"
    assert set(Exchange.objects.values_list("outcome", flat=True)) == {"abandoned"}


def test_an_answer_without_reply_ends_politely(on_channels):
    session = chat_session("zh-hans")
    on_channels(chat_say, session, "怎么添加自定义代币？")
    assert sweep_later(on_channels) == 1
    assert chat_frames(session)[-1]["text"].startswith("一段时间没有收到你的回复")
    assert Ticket.objects.get().status == "resolved"
    assert Conversation.objects.get().status == "abandoned"


def test_nothing_happens_before_the_time_or_after_the_customer_wrote(on_channels):
    session = chat_session()
    on_channels(chat_say, session, "How do I add a custom token?")
    assert sweep_later(on_channels, timedelta(minutes=29)) == 0
    on_channels(chat_say, session, "thanks, that worked")  # resolved: nothing left waiting
    assert sweep_later(on_channels) == 0
    assert Conversation.objects.get().status == "resolved"


def test_an_app_conversation_is_only_marked_abandoned(start):
    from walletdesk.assistant.services import assistant_reply

    conversation = start()
    assistant_reply(conversation=conversation, text="How do I stake TRX to get energy?")
    with frozen_at(now() + LATER):
        assert abandoned_sweep() == 1
    conversation.refresh_from_db()
    assert conversation.status == "abandoned" and conversation.ticket is None
    assert not Ticket.objects.exists()


def test_email_is_left_to_the_pending_automation(on_channels):
    text = "I forgot my wallet password, how do I reset it?"
    on_channels(email_receive, email_raw(text, subject="Password", message_id="p@example.com"))
    assert sweep_later(on_channels) == 1
    ticket = Ticket.objects.get()
    assert ticket.status == "pending"
    assert ticket.messages.filter(direction=Message.Direction.OUTBOUND).count() == 1


def test_the_worker_runs_the_sweep(on_channels):
    on_channels(chat_say, chat_session(), "not working")
    with frozen_at(now() + LATER):
        assert on_channels(sweep_once)["assistant_abandoned"] == 1
