"""Collision detection: agents on the same ticket see who else is viewing or typing, live.

One websocket per open ticket page. The consumer joins the ticket's presence group and the
ticket's event group (so the page refreshes when the ticket changes) and mirrors each agent's
state into the presence cache that the polling fallback reads.
"""

from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from walletdesk.accounts.models import Agent
from walletdesk.console import presence
from walletdesk.console.selectors import agent_of_user
from walletdesk.core.errors import NotFound
from walletdesk.core.events import ticket_group
from walletdesk.tickets.selectors import ticket_get_for_agent


def presence_group(ticket_id: int) -> str:
    return f"presence.{ticket_id}"


def _agent_on_ticket(user, ticket_id: int) -> Agent | None:
    agent = agent_of_user(user)
    if agent is None:
        return None
    try:
        ticket_get_for_agent(agent=agent, ticket_id=ticket_id)
    except NotFound:
        return None
    return agent


class TicketPresenceConsumer(AsyncJsonWebsocketConsumer):
    agent: Agent | None = None
    ticket_id = 0

    async def connect(self) -> None:
        self.ticket_id = int(self.scope["url_route"]["kwargs"]["ticket_id"])
        user = self.scope.get("user")
        self.agent = await database_sync_to_async(_agent_on_ticket)(user, self.ticket_id)
        if self.agent is None:
            await self.close(code=4403)
            return
        self.groups_joined = [presence_group(self.ticket_id), ticket_group(self.ticket_id)]
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()
        others = await sync_to_async(presence.presence_others)(
            ticket_id=self.ticket_id, agent_id=self.agent.id
        )
        for p in others:
            await self.send_json(
                {"type": "presence", "agent": p.agent_id, "name": p.name, "state": p.state}
            )
        await self._announce("viewing")

    async def receive_json(self, content, **kwargs) -> None:
        state = content.get("state") if isinstance(content, dict) else None
        await self._announce(state if state in presence.STATES else "viewing")

    async def disconnect(self, code) -> None:
        if self.agent is None:
            return
        await sync_to_async(presence.presence_clear)(
            ticket_id=self.ticket_id, agent_id=self.agent.id
        )
        await self._broadcast("left")
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def _announce(self, state: str) -> None:
        assert self.agent is not None
        await sync_to_async(presence.presence_set)(
            ticket_id=self.ticket_id,
            agent_id=self.agent.id,
            name=self.agent.display_name,
            state=state,
        )
        await self._broadcast(state)

    async def _broadcast(self, state: str) -> None:
        assert self.agent is not None
        await self.channel_layer.group_send(
            presence_group(self.ticket_id),
            {
                "type": "presence.changed",
                "agent": self.agent.id,
                "name": self.agent.display_name,
                "state": state,
            },
        )

    async def presence_changed(self, event) -> None:
        if self.agent is not None and event["agent"] != self.agent.id:
            await self.send_json(
                {k: event[k] for k in ("agent", "name", "state")} | {"type": "presence"}
            )

    async def ticket_updated(self, event) -> None:
        await self.send_json({"type": "updated"})

    async def dispatch(self, message) -> None:
        """Other apps publish more event kinds to the ticket's group; ignore those we don't show."""
        handler = getattr(self, message["type"].replace(".", "_"), None)
        if handler is None and not message["type"].startswith("websocket."):
            return
        await super().dispatch(message)
