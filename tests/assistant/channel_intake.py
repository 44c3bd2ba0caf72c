"""Customer messages through each channel's own intake, for the assistant's channel tests:
Telegram through its webhook (a local fake Bot API takes the replies), web chat through
`chat_message_receive`, email through `inbound_accept` + `record_process`."""

import json
import secrets
from itertools import count

from walletdesk.core.clock import now
from walletdesk.inbox.adapters.email.parse import external_id_of
from walletdesk.inbox.adapters.webchat.models import ChatSession
from walletdesk.inbox.adapters.webchat.selectors import chat_messages_after
from walletdesk.inbox.adapters.webchat.services import chat_message_receive
from walletdesk.inbox.services import inbound_accept, record_process

TELEGRAM_TOKEN = "123456:TEST-token_abcdefghijklmnop"
TELEGRAM_SECRET = "webhook-secret-for-tests"
CHAT_ID = 5127749213
_ids = count(731264001)


def telegram_update(text: str, *, language: str = "en") -> bytes:
    update_id = next(_ids)
    user = {"id": CHAT_ID, "is_bot": False, "first_name": "Mei", "language_code": language}
    message = {
        "message_id": update_id % 100_000,
        "from": user,
        "chat": {"id": CHAT_ID, "first_name": "Mei", "type": "private"},
        "date": 1763860812,
        "text": text,
    }
    return json.dumps({"update_id": update_id, "message": message}).encode()


def telegram_post(client, text: str, *, language: str = "en"):
    return client.post(
        "/inbox/telegram/support/",
        data=telegram_update(text, language=language),
        content_type="application/json",
        headers={"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET},
    )


def chat_session(language: str = "en") -> ChatSession:
    at = now()
    return ChatSession.objects.create(
        public_id=secrets.token_hex(16),
        token_hash=secrets.token_hex(32),
        language=language,
        created_at=at,
        last_seen_at=at,
    )


def chat_say(session: ChatSession, text: str):
    return chat_message_receive(session=session, client_id=secrets.token_hex(6), text=text)


def chat_frames(session: ChatSession) -> list[dict]:
    """What the widget shows: every public message of the session, oldest first."""
    return chat_messages_after(session=session, after=0)


def email_raw(text: str, *, subject: str, message_id: str, in_reply_to: str = "") -> bytes:
    headers = [
        "From: Mei Lin <mei@example.com>",
        "To: support@walletdesk.localhost",
        f"Subject: {subject}",
        f"Message-ID: <{message_id}>",
        "Content-Type: text/plain; charset=utf-8",
    ]
    if in_reply_to:
        headers.append(f"In-Reply-To: <{in_reply_to}>")
    return ("\r\n".join(headers) + "\r\n\r\n" + text + "\r\n").encode()


def email_receive(raw: bytes):
    record, _ = inbound_accept(channel="email", payload=raw, external_id=external_id_of(raw))
    return record_process(record_id=record.id, payload=raw)
