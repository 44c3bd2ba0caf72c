"""A drained batch remembers its chats in one statement, as each update alone would: the chat
is created the first time, unblocked by a message, and keeps its language code when an update
carries none."""

import json

import pytest

from tests import factories
from tests.inbox_telegram._payloads import load
from walletdesk.core.clock import now
from walletdesk.inbox.adapters.telegram.models import TelegramChat
from walletdesk.inbox.services import inbound_accept, records_drain

pytestmark = pytest.mark.django_db


def store(update_id: int, user: int, language: str | None) -> None:
    body = load("private_text")
    body["update_id"] = update_id
    body["message"]["from"]["id"] = body["message"]["chat"]["id"] = user
    if language is None:
        del body["message"]["from"]["language_code"]
    else:
        body["message"]["from"]["language_code"] = language
    inbound_accept(
        channel="telegram",
        payload=json.dumps(body).encode(),
        external_id=f"support:{update_id}",
        source="support",
    )


def test_a_batch_touches_its_chats_like_single_updates(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    factories.team()
    TelegramChat.objects.create(
        bot="support", chat_id=11, user_id=11, language_code="zh-hans", last_update_at=now()
    )
    TelegramChat.objects.create(
        bot="support", chat_id=12, user_id=12, blocked_at=now(), last_update_at=now()
    )
    store(1, 11, None)
    store(2, 12, "en")
    store(3, 13, "zh-hans")
    before = now()
    assert records_drain() == 3
    chats = {c.chat_id: c for c in TelegramChat.objects.all()}
    assert chats[11].language_code == "zh-hans"  # the update said nothing: kept
    assert chats[12].blocked_at is None and chats[12].language_code == "en"
    assert chats[13].user_id == 13 and chats[13].language_code == "zh-hans"
    assert all(chat.last_update_at >= before for chat in chats.values())
