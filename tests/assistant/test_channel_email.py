"""Email (mode `confident` by default): one automatic answer only when the assistant is sure,
otherwise a suggestion note for the agent and the ticket stays in the queue; a reply to the
automatic answer goes to a person."""

import pytest

from tests.assistant.channel_intake import email_raw, email_receive
from walletdesk.assistant.models import Conversation
from walletdesk.inbox.models import Delivery
from walletdesk.tickets.models import Message, Ticket

pytestmark = pytest.mark.django_db
SURE = "I forgot my wallet password, how do I reset it?"


def _mail(on_channels, text, *, message_id, in_reply_to=""):
    raw = email_raw(text, subject="Wallet question", message_id=message_id, in_reply_to=in_reply_to)
    return on_channels(email_receive, raw)


def test_a_clear_question_gets_one_automatic_answer_by_mail(on_channels):
    [result] = _mail(on_channels, SURE, message_id="q1@example.com")
    ticket = Ticket.objects.get()
    answer = ticket.messages.get(direction=Message.Direction.OUTBOUND)
    assert "/help/forgot-wallet-password/" in answer.body_text
    assert Delivery.objects.get(message=answer).recipient == "mei@example.com"
    assert ticket.status == "pending" and result.ticket.id == ticket.id


def test_an_unclear_mail_gets_a_note_for_the_agent_and_no_reply(on_channels):
    _mail(on_channels, "not working", message_id="q2@example.com")
    ticket = Ticket.objects.get()
    assert not ticket.messages.filter(direction=Message.Direction.OUTBOUND).exists()
    note = ticket.messages.get(direction=Message.Direction.NOTE).body_text
    assert note.startswith("Assistant suggestion (suggested)")
    assert "Suggested articles: switch-node" in note and ticket.status == "new"
    assert Conversation.objects.get().status == "handed_over"


def test_a_reply_to_the_automatic_answer_goes_to_a_person(on_channels):
    _mail(on_channels, SURE, message_id="q3@example.com")
    ticket = Ticket.objects.get()
    sent = Delivery.objects.get().external_id
    again = "I tried but how do I reset my password?"
    _mail(on_channels, again, message_id="r3@example.com", in_reply_to=sent)
    ticket.refresh_from_db()
    assert ticket.status == "open"
    assert ticket.messages.filter(direction=Message.Direction.OUTBOUND).count() == 1
    assert ticket.messages.filter(direction=Message.Direction.NOTE).count() == 1


def test_auto_mode_on_email_may_ask_a_clarifying_question(on_channels, settings):
    settings.WALLETDESK = {**settings.WALLETDESK, "ASSISTANT_CHANNELS": "email=auto"}
    _mail(on_channels, "not working", message_id="q4@example.com")
    reply = Ticket.objects.get().messages.get(direction=Message.Direction.OUTBOUND)
    assert reply.body_text.startswith("Could you tell me a little more?")
