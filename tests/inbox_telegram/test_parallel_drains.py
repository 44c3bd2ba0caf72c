"""Two workers draining at once never ingest one chat's messages at the same time (the chat's
row is locked until a batch commits): each chat's messages end up on one ticket, however the
records were shared out (PostgreSQL)."""

import json

import pytest

from tests import factories
from tests.concurrency import run_in_threads
from tests.inbox_telegram._payloads import load
from walletdesk.accounts.services import customer_resolve
from walletdesk.inbox.models import InboundRecord
from walletdesk.inbox.services import inbound_accept, records_drain
from walletdesk.tickets.models import Message, Ticket

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
USERS, EACH = 10, 12


def store(update_id: int, user: int) -> None:
    body = load("private_text")
    body["update_id"] = update_id
    body["message"]["from"]["id"] = body["message"]["chat"]["id"] = user
    body["message"]["text"] = f"message {update_id}"
    payload = json.dumps(body).encode()
    inbound_accept(
        channel="telegram", payload=payload, external_id=f"support:{update_id}", source="support"
    )


def test_new_chats_drained_by_two_workers_get_one_ticket_each(on_postgres, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    factories.team()
    for user in range(USERS):  # known from their /start: only their tickets are new
        customer_resolve(kind="telegram", value=str(7_000 + user), verified=True)
    for n in range(USERS * EACH):  # interleaved: every batch holds messages of every chat
        store(1000 + n, 7_000 + n % USERS)

    def drain() -> None:
        while records_drain(limit=8):
            pass

    assert run_in_threads(drain) == []
    assert set(InboundRecord.objects.values_list("state", "attempts")) == {("processed", 1)}
    assert Ticket.objects.count() == USERS
    assert Message.objects.filter(direction="inbound").count() == USERS * EACH
