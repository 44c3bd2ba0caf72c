"""Telegram: the assistant answers first through the bot (outbox -> sendMessage), the ticket
waits on the customer meanwhile, and a request for a person puts it in the queue with the
assistant's note; after that the assistant stays out of the chat."""

import pytest

from tests.assistant.channel_intake import telegram_post
from walletdesk.assistant.models import Conversation, Exchange
from walletdesk.tickets.models import Message, Ticket

pytestmark = pytest.mark.django_db


def test_a_how_to_question_is_answered_in_the_chat(on_channels, client):
    response = on_channels(telegram_post, client, "How do I add a custom token to my wallet?")
    assert response.status_code == 200
    ticket = Ticket.objects.get()
    [reply] = on_channels.bot_api.sent_texts()
    assert "/help/add-custom-token/" in reply
    outbound = ticket.messages.get(direction=Message.Direction.OUTBOUND)
    assert outbound.body_text == reply and outbound.author_agent is None
    assert ticket.status == "pending"  # waiting on the customer, SLA paused
    assert ticket.first_response_at is None  # no person has answered yet
    exchange = Exchange.objects.get()
    assert exchange.action == "answer" and exchange.message.ticket_id == ticket.id


def test_asking_for_a_person_queues_the_ticket_with_a_note(on_channels, client):
    on_channels(telegram_post, client, "How do I add a custom token to my wallet?")
    on_channels(telegram_post, client, "I want to talk to a real person please")
    ticket = Ticket.objects.get()
    assert ticket.status == "open"
    assert ticket.tags.filter(name="assistant-handover").exists()
    note = ticket.messages.get(direction=Message.Direction.NOTE)
    assert note.body_text.startswith("Assistant handover (explicit_request)")
    assert ticket.number in on_channels.bot_api.sent_texts()[-1]
    assert Conversation.objects.get().status == "handed_over"


def test_after_the_handover_the_assistant_stays_silent(on_channels, client):
    on_channels(telegram_post, client, "talk to a human")
    sent = len(on_channels.bot_api.sent_texts())
    on_channels(telegram_post, client, "How do I add a custom token to my wallet?")
    assert len(on_channels.bot_api.sent_texts()) == sent
    assert Exchange.objects.count() == 1


def test_stolen_funds_get_safety_steps_and_go_to_security(on_channels, client, desk):
    on_channels(telegram_post, client, "My wallet was drained, someone stole all my USDT!")
    ticket = Ticket.objects.get()
    reply = on_channels.bot_api.sent_texts()[-1]
    assert reply.startswith("Please do this right away:") and ticket.number in reply
    assert ticket.intent == "stolen_funds" and ticket.category == "security"
    assert ticket.priority == "urgent" and ticket.team == desk["guard"].teams.get()
