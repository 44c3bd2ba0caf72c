"""The customer's end of the web chat (protocol in `protocol.py`).

The Origin was checked before this runs (`origins.py`); here: rate limits per visitor and per
IP (`limits.py`), token expiry and renewal, and the ack only after the message is stored.
"""

import logging
from datetime import datetime
from typing import Any

from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.db import DatabaseError, connections

from walletdesk.core.clock import now
from walletdesk.core.events import ticket_group
from walletdesk.guard.throttle import scope_client_ip
from walletdesk.inbox.adapters.webchat import limits, protocol, selectors, services
from walletdesk.inbox.adapters.webchat.live import session_group
from walletdesk.inbox.adapters.webchat.models import ChatSession

logger = logging.getLogger(__name__)
RENEW_EVERY_SECONDS = 60  # activity renews the token at most this often (one UPDATE)
CLOSE_RATE_LIMITED = 4029  # the handshake was refused for now: reconnect after retry_after


def _connections_drop() -> None:
    """After a database error, drop this context's connections whatever state they are in.

    Seen after an outage: a connection whose socket the server had closed stayed attached
    (not in a transaction, no error recorded), so `close_old_connections` kept it and every
    later message failed with "the connection is closed" until the process restarted."""
    for conn in connections.all(initialized_only=True):
        try:
            conn.close()
        except Exception:  # closing a dead connection may fail; it is dropped all the same
            logger.debug("closing a broken connection failed", exc_info=True)


class ChatConsumer(AsyncJsonWebsocketConsumer):
    session: ChatSession | None = None
    expires_at: datetime | None = None
    last_seq = 0
    groups_joined: set[str]

    async def connect(self) -> None:
        self.groups_joined = set()
        self.ip = scope_client_ip(self.scope)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        for group in self.groups_joined:
            await self.channel_layer.group_discard(group, self.channel_name)

    @classmethod
    async def decode_json(cls, text_data: str) -> Any:
        try:
            return await super().decode_json(text_data)
        except ValueError:
            return None  # answered as a bad frame, the socket stays open

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        try:
            frame = protocol.read_frame(content)
            await self._handle(frame)
        except protocol.ProtocolError as exc:
            await self.send_json({"type": "error", "code": exc.code, "id": exc.message_id})
        except DatabaseError as exc:  # nothing was stored: the client keeps it and resends
            logger.warning("web chat: database unavailable: %s", exc)
            await sync_to_async(_connections_drop)()
            message_id = frame.client_id if isinstance(frame, protocol.Say) else ""
            await self.send_json({"type": "error", "code": "unavailable", "id": message_id})

    async def _handle(self, frame: protocol.Frame) -> None:
        if isinstance(frame, protocol.Ping):
            await self.send_json({"type": "pong"})
        elif isinstance(frame, protocol.Hello):
            await self._hello(frame)
        elif self.session is None:
            raise protocol.ProtocolError("hello_first", frame.client_id)
        else:
            await self._say(frame)

    async def _join(self, group: str) -> None:
        if group not in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
            self.groups_joined.add(group)

    async def _refused(self, retry_after: int, message_id: str = "") -> None:
        """A refusal the client can act on: it keeps the message and retries after the wait."""
        await self.send_json(
            {"type": "error", "code": "rate_limited", "id": message_id, "retry_after": retry_after}
        )

    async def _hello(self, hello: protocol.Hello) -> None:
        session, expired = await database_sync_to_async(services.session_find)(token=hello.token)
        if session is not None:
            wait = await limits.limit_hit(limits.RESUME_VISITOR, session.public_id)
        else:
            wait = await limits.limit_hit(limits.START_IP, self.ip)
        if wait:
            await self._refused(wait)
            await self.close(code=CLOSE_RATE_LIMITED)
            return
        token = hello.token
        if session is None:
            try:
                session, token = await database_sync_to_async(services.session_start)(
                    language=hello.language, name=hello.name
                )
            except DatabaseError:
                await limits.limit_refund(limits.START_IP, self.ip)
                raise
            hello = protocol.Hello(token, 0, hello.language, hello.name)  # nothing to resume
        self.expires_at = await database_sync_to_async(services.session_renew)(session=session)
        self.session, self.last_seq = session, hello.after
        await self._join(session_group(session.public_id))
        await self.send_json(self._welcome(token, expired))
        ticket_ids = await database_sync_to_async(selectors.session_ticket_ids)(session=session)
        for ticket_id in ticket_ids:
            await self._join(ticket_group(ticket_id))
        await self._push_new()

    def _welcome(self, token: str, expired: bool) -> dict:
        assert self.session is not None and self.expires_at is not None
        welcome: dict[str, object] = {
            "type": "welcome",
            "token": token,
            "conversation": self.session.public_id,
            "expires_at": self.expires_at.isoformat(),
        }
        if expired:
            welcome["expired"] = True  # the old token's conversation is no longer this browser's
        return welcome

    async def _say(self, say: protocol.Say) -> None:
        assert self.session is not None and self.expires_at is not None
        if self.expires_at <= now():
            self.session = None  # say hello again: an expired token resumes nothing
            raise protocol.ProtocolError("token_expired", say.client_id)
        wait = await limits.limits_hit(
            (limits.MESSAGE_VISITOR, self.session.public_id), (limits.MESSAGE_IP, self.ip)
        )
        if wait:
            await self._refused(wait, say.client_id)
            return
        result = await database_sync_to_async(services.chat_message_receive)(
            session=self.session, client_id=say.client_id, text=say.text
        )
        if result.message is None:  # not stored: the client keeps it and resends
            raise protocol.ProtocolError("not_stored", say.client_id)
        await self.send_json(
            {
                "type": "ack",
                "id": say.client_id,
                "seq": result.message.id,
                "duplicate": result.duplicate,
            }
        )
        if result.ticket is not None:
            await self._join(ticket_group(result.ticket.id))
        await self._renew_if_due()
        await self._push_new()

    async def _renew_if_due(self) -> None:
        assert self.session is not None
        if (now() - self.session.last_seen_at).total_seconds() >= RENEW_EVERY_SECONDS:
            self.expires_at = await database_sync_to_async(services.session_renew)(
                session=self.session
            )

    async def _push_new(self) -> None:
        """Send what is new. Also run on realtime hints, outside any frame: a database error
        here is logged and dropped (the next hello or message pushes the same frames)."""
        if self.session is None:
            return
        try:
            frames = await database_sync_to_async(selectors.chat_messages_after)(
                session=self.session, after=self.last_seq
            )
        except DatabaseError as exc:
            logger.warning("web chat: could not read new messages: %s", exc)
            await sync_to_async(_connections_drop)()
            return
        for frame in frames:
            await self.send_json(frame)
            self.last_seq = frame["seq"]

    # Realtime events are only hints: the database says what is new.
    async def message_created(self, event: dict) -> None:
        await self._push_new()

    async def ticket_event(self, event: dict) -> None:
        if event.get("kind") in {"agent_replied", "customer_replied", "created"}:
            await self._push_new()

    async def ticket_updated(self, event: dict) -> None:
        await self._push_new()

    async def webchat_poke(self, event: dict) -> None:
        await self._push_new()
