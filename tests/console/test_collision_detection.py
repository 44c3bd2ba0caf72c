"""Collision detection: presence over the websocket, and the polling fallback sharing its store."""

import json

import pytest
from asgiref.sync import async_to_sync
from asgiref.testing import ApplicationCommunicator
from channels.routing import URLRouter
from django.urls import path, reverse

from tests import factories
from walletdesk.console import presence
from walletdesk.console.consumers import TicketPresenceConsumer

app = URLRouter([path("ws/console/tickets/<int:ticket_id>/", TicketPresenceConsumer.as_asgi())])


@pytest.fixture(autouse=True)
def clear_cache():
    from django.core.cache import cache

    cache.clear()


class Socket(ApplicationCommunicator):
    """A websocket client for the consumer (channels.testing needs daphne, which we don't ship)."""

    def __init__(self, user, ticket_id: int) -> None:
        path_ = f"/ws/console/tickets/{ticket_id}/"
        scope = {"type": "websocket", "path": path_, "query_string": b"", "headers": []}
        super().__init__(app, {**scope, "subprotocols": [], "user": user})

    async def connect(self) -> bool:
        await self.send_input({"type": "websocket.connect"})
        return (await self.receive_output(2))["type"] == "websocket.accept"

    async def send_json_to(self, data: dict) -> None:
        await self.send_input({"type": "websocket.receive", "text": json.dumps(data)})

    async def receive_json_from(self, timeout: float = 2) -> dict:
        return json.loads((await self.receive_output(timeout))["text"])

    async def disconnect(self) -> None:
        await self.send_input({"type": "websocket.disconnect", "code": 1000})
        await self.wait(2)


socket = Socket


def test_presence_store_lists_others_and_forgets_who_left(db):
    presence.presence_set(ticket_id=1, agent_id=1, name="Li", state="typing")
    presence.presence_set(ticket_id=1, agent_id=2, name="Anna", state="bogus")
    others = presence.presence_others(ticket_id=1, agent_id=2)
    assert [(p.name, p.state) for p in others] == [("Li", "typing")]
    assert presence.presence_others(ticket_id=1, agent_id=1)[0].state == "viewing"
    presence.presence_clear(ticket_id=1, agent_id=1)
    assert presence.presence_others(ticket_id=1, agent_id=2) == []


def test_polling_fallback_reports_the_other_agent(client, agent, desk, monkeypatch):
    monkeypatch.setattr(presence, "PRESENCE_TTL", 3600)  # a loaded machine's first request is slow
    colleague = factories.agent("anna", teams=[desk])
    ticket, _ = factories.ticket()
    presence.presence_set(ticket_id=ticket.id, agent_id=colleague.id, name="Anna", state="typing")
    client.force_login(agent.user)
    response = client.post(reverse("console:presence", args=[ticket.id]), {"state": "viewing"})
    assert response.json() == {"others": [{"name": "Anna", "state": "typing"}]}


@pytest.mark.django_db(transaction=True)
def test_second_agent_sees_the_first_one_typing_live():
    desk = factories.team()
    li = factories.agent("li", teams=[desk])
    anna = factories.agent("anna", teams=[desk])
    ticket, _ = factories.ticket()

    async def scenario():
        first = socket(li.user, ticket.id)
        assert await first.connect()
        second = socket(anna.user, ticket.id)
        assert await second.connect()
        joined = await second.receive_json_from(timeout=2)  # Li, already there
        assert (joined["name"], joined["state"]) == ("Li", "viewing")
        await first.send_json_to({"state": "typing"})
        seen = await second.receive_json_from(timeout=2)
        while seen.get("name") != "Li" or seen.get("state") != "typing":
            seen = await second.receive_json_from(timeout=2)
        await first.disconnect()
        left = await second.receive_json_from(timeout=2)
        assert (left["name"], left["state"]) == ("Li", "left")
        await second.disconnect()

    async_to_sync(scenario)()


@pytest.mark.django_db(transaction=True)
def test_agent_outside_the_ticket_team_cannot_listen():
    factories.team()
    experts = factories.team("experts", kind="experts")
    outsider = factories.agent("outsider", teams=[experts])
    ticket, _ = factories.ticket()

    async def scenario():
        assert not await socket(outsider.user, ticket.id).connect()

    async_to_sync(scenario)()
