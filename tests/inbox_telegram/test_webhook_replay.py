"""Real Bot API updates replayed against the webhook: stored once, then processed."""

import logging

import pytest

from tests.inbox_telegram._payloads import raw
from tests.inbox_telegram.conftest import SECRET, TOKEN
from walletdesk.accounts.models import CustomerIdentity
from walletdesk.inbox.adapters.telegram.models import TelegramChat
from walletdesk.inbox.models import InboundRecord
from walletdesk.tickets.models import Attachment, Message, Ticket

pytestmark = pytest.mark.django_db


def test_private_text_opens_a_telegram_ticket(bot_api, post_update):
    response = post_update(raw("private_text"))
    assert response.status_code == 200
    record = InboundRecord.objects.get(channel="telegram", external_id="support:731264001")
    assert record.state == "processed" and record.source == "support"
    ticket = Ticket.objects.get(id=record.ticket_id)
    assert ticket.channel == "telegram"
    assert ticket.customer.identities.get(kind="telegram").value == "5127749213"
    assert ticket.messages.get().body_text.startswith("Hi, I sent 120 USDT")
    assert ticket.metadata["conversation_id"] == "support:5127749213"


def test_the_same_update_twice_is_stored_once(bot_api, post_update):
    assert post_update(raw("private_text")).status_code == 200
    assert post_update(raw("private_text")).status_code == 200
    assert InboundRecord.objects.filter(channel="telegram").count() == 1
    assert Message.objects.filter(channel="telegram").count() == 1


def test_later_messages_join_the_same_ticket(bot_api, post_update):
    post_update(raw("private_text"))
    post_update(raw("edited_message"))
    post_update(raw("sticker"))
    ticket = Ticket.objects.get()
    bodies = list(ticket.messages.values_list("body_text", flat=True))
    assert bodies[1].startswith("[edited] Hi, I sent 150 USDT")
    assert bodies[2] == "[sticker 🙏]"


def test_photo_is_fetched_through_getfile(bot_api, post_update):
    post_update(raw("photo"))
    assert ("getFile", {"file_id": "AgACAgUAAxkBAAMqZ0Gx1-large_1280"}) in bot_api.calls
    assert bot_api.downloads == [f"/file/bot{TOKEN}/files/AgACAgUAAxkBAAMqZ0Gx1-large_1280.bin"]
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/jpeg"
    assert attachment.message.body_text == "This is the screen after I pressed send"


def test_document_and_voice_become_attachments(bot_api, post_update):
    post_update(raw("document"))
    post_update(raw("voice"))
    names = set(Attachment.objects.values_list("filename", "content_type"))
    assert names == {
        ("exchange-deposit-history.pdf", "application/pdf"),
        ("voice.ogg", "audio/ogg"),
    }


def test_a_file_that_cannot_be_fetched_keeps_the_message(bot_api, post_update):
    bot_api.script("getFile", 400, {"ok": False, "error_code": 400, "description": "Bad Request"})
    post_update(raw("document"))
    message = Message.objects.get(channel="telegram")
    assert "exchange-deposit-history.pdf: could not be fetched (400)" in message.body_text
    assert not Attachment.objects.exists()


def test_start_greets_in_the_users_language_without_a_ticket(bot_api, post_update):
    post_update(raw("start_zh"))
    assert not Ticket.objects.exists()
    customer = CustomerIdentity.objects.get(kind="telegram", value="6093318842").customer
    assert customer.language == "zh-hans"
    (text,) = bot_api.sent_texts()
    assert "助记词" in text
    assert InboundRecord.objects.get().reason == "start"


def test_start_twice_greets_once(bot_api, post_update):
    post_update(raw("start_deeplink_en"))
    post_update(raw("start_deeplink_en"))
    assert len(bot_api.sent_texts()) == 1


def test_blocked_bot_is_recorded_and_ignored(bot_api, post_update):
    assert post_update(raw("my_chat_member_kicked")).status_code == 200
    record = InboundRecord.objects.get()
    assert (record.state, record.reason) == ("ignored", "blocked")
    assert TelegramChat.objects.get(chat_id=5127749213).blocked_at is not None


@pytest.mark.parametrize(
    ("name", "reason"), [("group_text", "not_private"), ("callback_query", "unhandled_type")]
)
def test_other_updates_are_acknowledged_stored_and_marked(bot_api, post_update, name, reason):
    assert post_update(raw(name)).status_code == 200
    record = InboundRecord.objects.get()
    assert (record.state, record.reason) == ("ignored", reason)
    assert not Ticket.objects.exists()


def test_token_never_reaches_the_logs(bot_api, post_update, caplog):
    caplog.set_level(logging.DEBUG)
    post_update(raw("photo"))
    assert bot_api.downloads  # the token was used in URLs …
    assert TOKEN not in caplog.text  # … but never logged
    assert "bot<token>" in caplog.text  # httpx did log the (scrubbed) URLs


def test_a_record_left_unprocessed_is_finished_by_the_inbox_sweep(bot_api, client):
    from walletdesk.inbox.services import record_process

    client.post(  # stored, but the task after commit never ran (a crash, say)
        "/inbox/telegram/support/",
        data=raw("photo"),
        content_type="application/json",
        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
    )
    record = InboundRecord.objects.get()
    assert record.state == "received"
    record_process(record_id=record.id)  # what the inbox's pending sweep runs
    record.refresh_from_db()
    assert record.state == "processed"
    assert Attachment.objects.count() == 1  # the Telegram path ran: the photo was fetched
    assert Ticket.objects.get().metadata["conversation_id"] == "support:5127749213"


def test_a_processed_update_counts_one_attempt(bot_api, post_update):
    assert post_update(raw("private_text")).status_code == 200
    record = InboundRecord.objects.get()
    assert record.state == "processed" and record.attempts == 1
