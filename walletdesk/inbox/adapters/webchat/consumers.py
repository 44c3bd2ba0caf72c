"""The customer's end of the web chat (protocol in `protocol.py`)."""

from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from walletdesk.core.events import ticket_group
from walletdesk.inbox.adapters.webchat import protocol, selectors, services
from walletdesk.inbox.adapters.webchat.live import session_group
from walletdesk.inbox.adapters.webchat.models import ChatSession


class ChatConsumer(AsyncJsonWebsocketConsumer):
    session: ChatSession | None = None
    last_seq = 0
    groups_joined: set[str]

    async def connect(self) -> None:
        self.groups_joined = set()
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
            if isinstance(frame, protocol.Ping):
                await self.send_json({"type": "pong"})
            elif isinstance(frame, protocol.Hello):
                await self._hello(frame)
            elif self.session is None:
                raise protocol.ProtocolError("hello_first", frame.client_id)
            else:
                await self._say(frame)
        except protocol.ProtocolError as exc:
            await self.send_json({"type": "error", "code": exc.code, "id": exc.message_id})

    async def _join(self, group: str) -> None:
        if group not in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
            self.groups_joined.add(group)

    async def _hello(self, hello: protocol.Hello) -> None:
        session, token = await database_sync_to_async(services.session_open)(
            token=hello.token, language=hello.language, name=hello.name
        )
        self.session, self.last_seq = session, hello.after
        await self._join(session_group(session.public_id))
        await self.send_json({"type": "welcome", "token": token, "conversation": session.public_id})
        ticket_ids = await database_sync_to_async(selectors.session_ticket_ids)(session=session)
        for ticket_id in ticket_ids:
            await self._join(ticket_group(ticket_id))
        await self._push_new()

    async def _say(self, say: protocol.Say) -> None:
        assert self.session is not None
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
        await self._push_new()

    async def _push_new(self) -> None:
        assert self.session is not None
        frames = await database_sync_to_async(selectors.chat_messages_after)(
            session=self.session, after=self.last_seq
        )
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
