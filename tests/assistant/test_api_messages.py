"""/api/v1/assistant: the wallet app's conversation with the assistant (app API key)."""

import pytest
from django.test import Client

from tests import factories as f
from walletdesk.assistant.models import Conversation

URL = "/api/v1/assistant/messages"


@pytest.fixture
def app(desk):
    key = f.app_client()[1]
    return Client(headers={"Authorization": f"Bearer {key}"})


def ask(client, text, user="u-42", **extra):
    body = {"customer": {"app_user_id": user, "language": "en"}, "text": text, **extra}
    return client.post(URL, body, content_type="application/json")


def test_a_question_is_answered_and_the_conversation_continues(app):
    first = ask(app, "how do I add a custom token by contract address?")
    assert first.status_code == 200, first.content
    data = first.json()
    assert data["action"] == "answer" and data["intent"] == "token_not_showing"
    assert data["articles"][0]["slug"] == "add-custom-token"
    again = ask(app, "I want a human", conversation_id=data["conversation_id"])
    assert again.json()["conversation_id"] == data["conversation_id"]
    assert again.json()["action"] == "handover"
    assert again.json()["ticket_number"].startswith("WD-")


def test_another_users_conversation_is_not_found(app):
    mine = ask(app, "how to stake TRX").json()["conversation_id"]
    other = ask(app, "hello", user="u-other", conversation_id=mine)
    assert other.status_code == 404
    assert other.json()["error"]["code"] == "not_found"


def test_feedback_yes_resolves_and_no_hands_over(app):
    first = ask(app, "how do I stake TRX for energy").json()
    url = f"/api/v1/assistant/conversations/{first['conversation_id']}/feedback"
    no = app.post(url, {"app_user_id": "u-42", "helpful": False}, content_type="application/json")
    assert no.status_code == 200
    assert (no.json()["action"], no.json()["reason"]) == ("handover", "not_helped")
    conversation = Conversation.objects.get(id=first["conversation_id"])
    assert conversation.ticket.intent == "staking_and_voting"
    second = ask(app, "how to create a wallet", user="u-43").json()
    url = f"/api/v1/assistant/conversations/{second['conversation_id']}/feedback"
    yes = app.post(url, {"app_user_id": "u-43", "helpful": True}, content_type="application/json")
    assert yes.status_code == 204
    assert Conversation.objects.get(id=second["conversation_id"]).status == "resolved"


def test_a_key_without_the_scope_is_refused(desk):
    key = f.app_client(scopes=("tickets:read",))[1]
    client = Client(headers={"Authorization": f"Bearer {key}"})
    assert ask(client, "hello").status_code == 403


def test_no_key_is_unauthorized(db):
    assert ask(Client(), "hello").status_code == 401
