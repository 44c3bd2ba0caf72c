"""Web chat writes: open or resume a session, take a customer's message into the intake."""

import hashlib
import secrets

from walletdesk.accounts.models import CustomerIdentity
from walletdesk.core.clock import now
from walletdesk.inbox.adapters.webchat.models import ChatSession
from walletdesk.inbox.services import message_ingest
from walletdesk.inbox.types import InboundMessage, IngestResult, Sender, ThreadHints
from walletdesk.tickets.choices import Channel


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def session_open(*, token: str, language: str = "", name: str = "") -> tuple[ChatSession, str]:
    """The session holding `token`, or a new one. Returns it with the token to keep."""
    at = now()
    if token:
        session = ChatSession.objects.filter(token_hash=token_hash(token)).first()
        if session is not None:
            ChatSession.objects.filter(id=session.id).update(last_seen_at=at)
            return session, token
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
