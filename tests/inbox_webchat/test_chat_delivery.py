"""Customer messages are acknowledged once stored, deduplicated by the client's id."""

import pytest

from tests.inbox_webchat.conftest import connect_chat, frames_until_quiet, hello, say
from walletdesk.tickets.models import Message, Ticket

pytestmark = pytest.mark.django_db(transaction=True)


def test_first_message_opens_a_chat_ticket_and_is_acked(run):
    async def body():
        comm = connect_chat()
        welcome = await hello(comm)
        assert welcome["token"] and welcome["conversation"]
        ack = await say(comm, "c-0001-abcd", "My USDT transfer is stuck")
        assert ack["type"] == "ack" and ack["duplicate"] is False
        await comm.disconnect()
        return welcome, ack

    welcome, ack = run(body)
    message = Message.objects.get(id=ack["seq"])
    assert message.channel == "chat" and message.body_text == "My USDT transfer is stuck"
    assert message.ticket.customer.identities.get(kind="web").value == welcome["conversation"]


def test_a_resent_message_is_stored_once(run):
    async def body():
        comm = connect_chat()
        await hello(comm)
        first = await say(comm, "c-0002-abcd", "hello?")
        again = await say(comm, "c-0002-abcd", "hello?")
        await comm.disconnect()
        return first, again

    first, again = run(body)
    assert again["duplicate"] is True and again["seq"] == first["seq"]
    assert Message.objects.filter(channel="chat").count() == 1


def test_messages_of_one_conversation_share_a_ticket(run):
    async def body():
        comm = connect_chat()
        await hello(comm)
        await say(comm, "c-0003-abcd", "first")
        await say(comm, "c-0004-abcd", "second")
        await comm.disconnect()

    run(body)
    assert Ticket.objects.get().messages.count() == 2


def test_resent_after_reconnect_is_still_one_message(run):
    async def body():
        comm = connect_chat()
        welcome = await hello(comm)
        await say(comm, "c-0005-abcd", "are you there")
        await comm.disconnect()  # the ack was lost, say: the client resends on reconnect
        comm = connect_chat()
        await hello(comm, token=welcome["token"], after=0)
        await frames_until_quiet(comm)
        ack = await say(comm, "c-0005-abcd", "are you there")
        await comm.disconnect()
        return ack

    assert run(body)["duplicate"] is True
    assert Message.objects.filter(channel="chat").count() == 1


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ({"type": "message", "id": "x", "text": "hi"}, "bad_id"),
        ({"type": "message", "id": "c-0006-abcd", "text": "  "}, "empty_text"),
        ({"type": "shout"}, "unknown_type"),
    ],
)
def test_bad_frames_get_an_error(run, frame, code):
    async def body():
        comm = connect_chat()
        await hello(comm)
        await comm.send_json_to(frame)
        reply = await comm.receive_json_from()
        await comm.disconnect()
        return reply

    assert run(body)["code"] == code


def test_a_message_before_hello_is_refused(run):
    async def body():
        comm = connect_chat()
        await comm.connect()
        await comm.send_json_to({"type": "message", "id": "c-0007-abcd", "text": "hi"})
        reply = await comm.receive_json_from()
        await comm.disconnect()
        return reply

    assert run(body) == {"type": "error", "code": "hello_first", "id": "c-0007-abcd"}
    assert not Message.objects.exists()


def test_text_that_is_not_json_is_a_bad_frame(run):
    async def body():
        comm = connect_chat()
        await hello(comm)
        await comm.send_to(text_data="{not json")
        reply = await comm.receive_json_from()
        await comm.send_json_to({"type": "ping"})
        pong = await comm.receive_json_from()
        await comm.disconnect()
        return reply, pong

    reply, pong = run(body)
    assert reply["code"] == "bad_frame"
    assert pong == {"type": "pong"}  # still connected
