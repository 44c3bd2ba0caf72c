"""Agents' replies reach the visitor live; a reconnect resumes where the client left off."""

import pytest
from channels.db import database_sync_to_async

from tests import factories
from tests.inbox_webchat.conftest import connect_chat, frames_until_quiet, hello, say
from walletdesk.tickets.models import Message
from walletdesk.tickets.services import reply_send

pytestmark = pytest.mark.django_db(transaction=True)


@database_sync_to_async
def agent_replies(message_id: int, body: str) -> None:
    ticket = Message.objects.get(id=message_id).ticket
    reply_send(ticket=ticket, agent=factories.agent(), body=body)


def test_an_agent_reply_arrives_live(run):
    async def body():
        comm = connect_chat()
        await hello(comm)
        ack = await say(comm, "c-0101-abcd", "USDT not received")
        await frames_until_quiet(comm)
        await agent_replies(ack["seq"], "Please send us the transaction hash.")
        frames = await frames_until_quiet(comm)
        await comm.disconnect()
        return frames

    replies = [f for f in run(body) if f["type"] == "message" and f["from"] == "agent"]
    assert [f["text"] for f in replies] == ["Please send us the transaction hash."]
    assert replies[0]["name"]


def test_own_messages_come_back_with_the_client_id(run):
    async def body():
        comm = connect_chat()
        await hello(comm)
        await say(comm, "c-0102-abcd", "hello")
        frames = await frames_until_quiet(comm)
        await comm.disconnect()
        return frames

    (echo,) = [f for f in run(body) if f["type"] == "message"]
    assert (echo["from"], echo["client_id"], echo["text"]) == ("customer", "c-0102-abcd", "hello")


def test_reconnect_resumes_after_the_last_seen_message(run):
    async def body():
        comm = connect_chat()
        welcome = await hello(comm)
        ack = await say(comm, "c-0103-abcd", "is anyone there?")
        await frames_until_quiet(comm)
        await comm.disconnect()
        await agent_replies(ack["seq"], "Yes, we are looking at it.")  # while away
        comm = connect_chat()
        again = await hello(comm, token=welcome["token"], after=ack["seq"])
        frames = await frames_until_quiet(comm)
        await comm.disconnect()
        return welcome, again, frames

    welcome, again, frames = run(body)
    assert again["conversation"] == welcome["conversation"]
    assert [(f["from"], f["text"]) for f in frames] == [("agent", "Yes, we are looking at it.")]


def test_an_unknown_token_starts_a_new_conversation(run):
    async def body():
        comm = connect_chat()
        first = await hello(comm)
        await say(comm, "c-0104-abcd", "private question")
        await comm.disconnect()
        comm = connect_chat()
        other = await hello(comm, token="not-" + first["token"])
        frames = await frames_until_quiet(comm)
        await comm.disconnect()
        return first, other, frames

    first, other, frames = run(body)
    assert other["conversation"] != first["conversation"]
    assert frames == []  # nobody else's history


def test_the_token_is_stored_only_as_a_hash(run):
    async def body():
        comm = connect_chat()
        welcome = await hello(comm)
        await comm.disconnect()
        return welcome

    from walletdesk.inbox.adapters.webchat.models import ChatSession

    token = run(body)["token"]
    session = ChatSession.objects.get()
    assert token not in (session.token_hash, session.public_id)
