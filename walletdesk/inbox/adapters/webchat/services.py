"""Web chat writes: open or resume a session, take a customer's message into the intake."""

import hashlib
import secrets
from datetime import datetime, timedelta

from walletdesk.accounts.models import CustomerIdentity
from walletdesk.core.clock import now
from walletdesk.core.conf import desk_setting
from walletdesk.inbox.adapters.webchat.models import ChatSession
from walletdesk.inbox.services import message_ingest
from walletdesk.inbox.types import InboundMessage, IngestResult, Sender, ThreadHints
from walletdesk.tickets.choices import Channel


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_expires_at(session: ChatSession) -> datetime:
    """A visitor's token lasts WEBCHAT_TOKEN_IDLE_SECONDS past the session's last activity."""
    return session.last_seen_at + timedelta(seconds=int(desk_setting("WEBCHAT_TOKEN_IDLE_SECONDS")))


def session_find(*, token: str) -> tuple[ChatSession | None, bool]:
    """The live session holding `token`, and whether the token named one that has expired
    (an expired token resumes nothing: the browser starts a new conversation)."""
    if not token:
        return None, False
    session = ChatSession.objects.filter(token_hash=token_hash(token)).first()
    if session is None:
        return None, False
    if token_expires_at(session) <= now():
        return None, True
    return session, False


def session_start(*, language: str = "", name: str = "") -> tuple[ChatSession, str]:
    """A new conversation. Returns it with its token (only the hash is stored)."""
    at = now()
    token = secrets.token_urlsafe(32)
    session = ChatSession.objects.create(
        public_id=secrets.token_hex(16),
        token_hash=token_hash(token),
        language=language,
        display_name=name,
        created_at=at,
        last_seen_at=at,
    )
    return session, token


def session_renew(*, session: ChatSession) -> datetime:
    """Activity renews the token: it now expires an idle period from now. Returns when."""
    session.last_seen_at = now()
    ChatSession.objects.filter(id=session.id).update(last_seen_at=session.last_seen_at)
    return token_expires_at(session)


def chat_message_receive(*, session: ChatSession, client_id: str, text: str) -> IngestResult:
    """A visitor's message, stored once however often the client resends it."""
    inbound = InboundMessage(
        channel=Channel.CHAT,
        external_id=f"{session.public_id}:{client_id}",
        sender=Sender(
            kind=CustomerIdentity.Kind.WEB,
            value=session.public_id,
            display_name=session.display_name,
        ),
        text=text,
        received_at=now(),
        language=session.language,
        thread=ThreadHints(conversation_id=session.public_id),
        metadata={"webchat_session": session.public_id},
    )
    return message_ingest(inbound=inbound)
