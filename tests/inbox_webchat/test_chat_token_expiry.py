"""A visitor's token expires after an idle period; activity renews it."""

from datetime import UTC, datetime, timedelta

import pytest
from channels.db import database_sync_to_async

from tests.inbox_webchat.conftest import connect_chat, desk, hello, say
from walletdesk.core import clock
from walletdesk.inbox.adapters.webchat.models import ChatSession
from walletdesk.tickets.models import Message

pytestmark = pytest.mark.django_db(transaction=True)

IDLE = 3600


@database_sync_to_async
def idle_for(seconds: int) -> None:
    ChatSession.objects.update(last_seen_at=datetime.now(UTC) - timedelta(seconds=seconds))


def test_welcome_says_when_the_token_expires(run, settings):
    desk(settings, WEBCHAT_TOKEN_IDLE_SECONDS=IDLE)

    async def body():
        comm = connect_chat()
        welcome = await hello(comm)
        await comm.disconnect()
        return welcome

    expires = datetime.fromisoformat(run(body)["expires_at"])
    assert abs((expires - datetime.now(UTC)).total_seconds() - IDLE) < 30


def test_an_expired_token_starts_a_new_conversation(run, settings):
    desk(settings, WEBCHAT_TOKEN_IDLE_SECONDS=IDLE)

    async def body():
        comm = connect_chat()
        first = await hello(comm)
        await say(comm, "c-exp-0001", "old conversation")
        await comm.disconnect()
        await idle_for(IDLE + 5)
        comm = connect_chat()
        again = await hello(comm, token=first["token"])
        replayed = await comm.receive_nothing(timeout=0.3)
        await comm.disconnect()
        return first, again, replayed

    first, again, nothing_replayed = run(body)
    assert again["expired"] is True
    assert again["token"] != first["token"] and again["conversation"] != first["conversation"]
    assert nothing_replayed  # the old conversation is not shown to the new token
    assert ChatSession.objects.count() == 2


def test_activity_renews_the_token(run, settings):
    desk(settings, WEBCHAT_TOKEN_IDLE_SECONDS=IDLE)

    async def body():
        comm = connect_chat()
        first = await hello(comm)
        await comm.disconnect()
        await idle_for(IDLE - 60)  # nearly expired, then the visitor comes back
        comm = connect_chat()
        resumed = await hello(comm, token=first["token"])
        await comm.disconnect()
        await idle_for(IDLE - 60)  # nearly expired again: the renewal counted from the return
        comm = connect_chat()
        later = await hello(comm, token=first["token"])
        await comm.disconnect()
        return first, resumed, later

    first, resumed, later = run(body)
    assert resumed["conversation"] == first["conversation"] and "expired" not in resumed
    assert later["conversation"] == first["conversation"] and "expired" not in later


def test_a_message_on_a_socket_whose_token_expired_is_refused_not_lost(run, settings):
    desk(settings, WEBCHAT_TOKEN_IDLE_SECONDS=IDLE)

    async def body():
        comm = connect_chat()
        await hello(comm)
        # the socket stayed open and idle past the expiry: the consumer's clock moves on
        later = datetime.now(UTC) + timedelta(seconds=IDLE + 10)
        with clock.frozen_at(later):
            refused = await say(comm, "c-exp-0002", "still there?")
        await comm.disconnect()
        return refused

    refused = run(body)
    assert refused == {"type": "error", "code": "token_expired", "id": "c-exp-0002"}
    assert not Message.objects.exists()
