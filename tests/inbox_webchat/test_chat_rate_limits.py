"""Rate limits per visitor and per IP: a refused message is reported with its id and a wait,
is not stored, and goes through when resent after the wait."""

import pytest
from django.core.cache import cache

from tests.inbox_webchat.conftest import connect_chat, desk, hello, say
from walletdesk.inbox.adapters.webchat.models import ChatSession
from walletdesk.tickets.models import Message

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visitor_over_the_message_limit_is_told_and_nothing_is_lost(run, settings):
    desk(settings, WEBCHAT_MESSAGES_PER_MINUTE=3)

    async def body():
        comm = connect_chat()
        await hello(comm)
        replies = [await say(comm, f"c-rate-{i:04d}", f"message {i}") for i in range(4)]
        cache.clear()  # the window has passed
        resent = await say(comm, "c-rate-0003", "message 3")
        await comm.disconnect()
        return replies, resent

    replies, resent = run(body)
    assert [r["type"] for r in replies] == ["ack", "ack", "ack", "error"]
    refused = replies[3]
    assert refused["code"] == "rate_limited" and refused["id"] == "c-rate-0003"
    assert 1 <= refused["retry_after"] <= 60
    assert resent["type"] == "ack" and resent["duplicate"] is False
    texts = list(Message.objects.order_by("id").values_list("body_text", flat=True))
    assert texts == ["message 0", "message 1", "message 2", "message 3"]


def test_the_ip_limit_spans_visitors(run, settings):
    desk(settings, WEBCHAT_MESSAGES_PER_MINUTE=100, WEBCHAT_IP_MESSAGES_PER_MINUTE=2)

    async def body():
        replies = []
        for n in range(3):
            comm = connect_chat(ip="203.0.113.9")
            await hello(comm)
            replies.append(await say(comm, f"c-ipl-{n:04d}", f"visitor {n}"))
            await comm.disconnect()
        other = connect_chat(ip="203.0.113.10")
        await hello(other)
        replies.append(await say(other, "c-ipl-other", "another network"))
        await other.disconnect()
        return replies

    replies = run(body)
    assert [r["type"] for r in replies] == ["ack", "ack", "error", "ack"]
    assert replies[2]["code"] == "rate_limited"
    assert Message.objects.count() == 3


def test_session_starts_per_ip_are_limited_and_the_socket_closed(run, settings):
    desk(settings, WEBCHAT_IP_SESSIONS_PER_HOUR=2)

    async def body():
        for _ in range(2):
            comm = connect_chat(ip="203.0.113.20")
            await hello(comm)
            await comm.disconnect()
        comm = connect_chat(ip="203.0.113.20")
        await comm.connect()
        await comm.send_json_to({"type": "hello", "token": "", "after": 0})
        refused = await comm.receive_json_from()
        closed = await comm.receive_output()
        return refused, closed

    refused, closed = run(body)
    assert refused["code"] == "rate_limited" and refused["retry_after"] > 0
    assert closed == {"type": "websocket.close", "code": 4029}
    assert ChatSession.objects.count() == 2


def test_resuming_counts_per_visitor_not_as_a_session_start(run, settings):
    desk(settings, WEBCHAT_IP_SESSIONS_PER_HOUR=1, WEBCHAT_RESUMES_PER_MINUTE=2)

    async def body():
        first = connect_chat()
        welcome = await hello(first)
        await first.disconnect()
        frames = []
        for _ in range(3):
            comm = connect_chat()
            await comm.connect()
            await comm.send_json_to({"type": "hello", "token": welcome["token"], "after": 0})
            frames.append(await comm.receive_json_from())
            await comm.disconnect()
        return frames

    frames = run(body)
    assert [f["type"] for f in frames] == ["welcome", "welcome", "error"]
    assert frames[2]["code"] == "rate_limited"
    assert ChatSession.objects.count() == 1


def test_a_start_the_database_refused_is_not_counted(run, settings, monkeypatch):
    """Retrying through an outage must not lock the visitor out once the database is back."""
    from django.db import OperationalError

    from walletdesk.inbox.adapters.webchat import services

    desk(settings, WEBCHAT_IP_SESSIONS_PER_HOUR=2)
    real = services.session_start

    def down(**kwargs):
        raise OperationalError("the database is not accepting connections")

    async def body():
        frames = []
        for _ in range(5):
            comm = connect_chat(ip="203.0.113.30")
            await comm.connect()
            await comm.send_json_to({"type": "hello", "token": "", "after": 0})
            frames.append(await comm.receive_json_from())
            await comm.disconnect()
        monkeypatch.setattr(services, "session_start", real)
        comm = connect_chat(ip="203.0.113.30")
        frames.append(await hello(comm))
        await comm.disconnect()
        return frames

    monkeypatch.setattr(services, "session_start", down)
    frames = run(body)
    assert [f.get("code") for f in frames[:5]] == ["unavailable"] * 5
    assert frames[5]["type"] == "welcome"
