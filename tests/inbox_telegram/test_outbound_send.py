"""Agents' replies go out through the outbox as sendMessage calls to the local Bot API."""

from datetime import timedelta

import pytest

from tests import factories
from tests.inbox_telegram._payloads import raw
from walletdesk.core.clock import frozen_at, now
from walletdesk.inbox.models import Delivery
from walletdesk.inbox.services import delivery_attempt
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.services import reply_send

pytestmark = pytest.mark.django_db

TOO_MANY = {
    "ok": False,
    "error_code": 429,
    "description": "Too Many Requests: retry after 7",
    "parameters": {"retry_after": 7},
}


@pytest.fixture
def reply(bot_api, post_update, django_capture_on_commit_callbacks):
    post_update(raw("private_text"))
    ticket = Ticket.objects.get()
    agent = factories.agent()

    def send(body: str) -> Delivery:
        with django_capture_on_commit_callbacks(execute=False):  # the test runs the attempts
            message = reply_send(ticket=ticket, agent=agent, body=body)
        return Delivery.objects.get(message=message)

    return send


def test_a_reply_is_sent_to_the_chat(bot_api, reply):
    delivery = delivery_attempt(delivery_id=reply("We are checking your transfer.").id)
    assert delivery.state == "sent"
    assert delivery.recipient == "5127749213"
    (call,) = [c for c in bot_api.calls if c[0] == "sendMessage"]
    assert call[1] == {"chat_id": "5127749213", "text": "We are checking your transfer."}
    assert delivery.provider_id == "5127749213:1001"


def test_a_long_reply_is_split_under_4096_characters(bot_api, reply):
    body = "\n\n".join(["Step " + "x" * 2500] * 3)
    delivery_attempt(delivery_id=reply(body).id)
    texts = bot_api.sent_texts()
    assert len(texts) == 3
    assert all(len(t) <= 4096 for t in texts)
    assert "".join(texts) == body


def test_429_waits_retry_after_then_sends(bot_api, reply):
    bot_api.script("sendMessage", 429, TOO_MANY)
    delivery = delivery_attempt(delivery_id=reply("Hello").id)
    assert delivery.state == "pending"
    assert timedelta(seconds=6) < delivery.next_attempt_at - now() <= timedelta(seconds=7)
    with frozen_at(delivery.next_attempt_at + timedelta(seconds=1)):
        delivery = delivery_attempt(delivery_id=delivery.id)
    assert delivery.state == "sent"
    assert bot_api.sent_texts() == ["Hello", "Hello"]  # the refused call, then the accepted one


def test_a_retry_resends_only_the_parts_still_missing(bot_api, reply):
    body = "A" * 4000 + " " + "B" * 4000
    sent_first = bot_api.next_message_id + 1
    bot_api.script("sendMessage", 200, {"ok": True, "result": {"message_id": sent_first}})
    bot_api.script("sendMessage", 429, TOO_MANY)
    delivery = delivery_attempt(delivery_id=reply(body).id)
    assert delivery.state == "pending"
    with frozen_at(delivery.next_attempt_at + timedelta(seconds=1)):
        delivery = delivery_attempt(delivery_id=delivery.id)
    assert delivery.state == "sent"
    texts = bot_api.sent_texts()
    assert [t[0] for t in texts] == ["A", "B", "B"]  # part A went out once


def test_a_user_who_blocked_the_bot_is_not_retried(bot_api, reply):
    blocked = {
        "ok": False,
        "error_code": 403,
        "description": "Forbidden: bot was blocked by the user",
    }
    bot_api.script("sendMessage", 403, blocked)
    delivery = delivery_attempt(delivery_id=reply("Hello").id)
    assert delivery.state == "failed"
    assert "blocked by the user" in delivery.last_error
