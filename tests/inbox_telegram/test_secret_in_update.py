"""A recovery phrase sent on Telegram: stored redacted, and processed from that stored form, it
still counts as exposed: the customer is warned in the chat (through the outbox), the ticket
goes to Security as urgent and is tagged, on a new ticket and on one the chat already has."""

import json

import pytest
from django.db import connection

from tests import factories
from tests.inbox_telegram._payloads import load
from walletdesk.accounts.models import Team
from walletdesk.inbox.models import InboundRecord
from walletdesk.inbox.services import records_drain
from walletdesk.tickets.models import Message, Ticket

pytestmark = pytest.mark.django_db
PHRASE = "shop hard century cup vivid hour broken juice fetch apart punch sort"


@pytest.fixture
def desk(bot_api, settings):
    """Tasks in the database: stored updates wait for the drain, which takes them in batches."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    factories.default_policies()
    factories.team()
    factories.team("security", kind=Team.Kind.SECURITY)


def update(update_id: int, text: str, user: int = 5127749213) -> bytes:
    body = load("private_text")
    body["update_id"] = update_id
    body["message"]["text"] = text
    body["message"]["from"]["id"] = body["message"]["chat"]["id"] = user
    return json.dumps(body).encode()


def assert_handled_as_exposed(ticket: Ticket) -> None:
    ticket.refresh_from_db()
    assert (ticket.category, ticket.priority, ticket.team.kind) == (
        "security",
        "urgent",
        "security",
    )
    assert "secret-exposed" in set(ticket.tags.values_list("name", flat=True))
    warning = ticket.messages.get(direction="outbound")
    assert warning.delivery.recipient == "5127749213"  # the chat, through the outbox
    assert "recovery phrase" in warning.body_text
    with connection.cursor() as cursor:  # nowhere in clear: records, messages, events
        for table in ("inbox_inboundrecord", "tickets_message", "tickets_ticketevent"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608
            assert "vivid hour broken" not in repr(cursor.fetchall())


def test_a_phrase_in_a_first_message_opens_an_exposed_ticket(desk, post_update):
    assert post_update(update(1, f"my words are {PHRASE} is that ok")).status_code == 200
    post_update(update(2, "another customer, drained in the same batch", user=42))
    assert InboundRecord.objects.filter(redacted=True).count() == 1
    records_drain()
    exposed = Ticket.objects.get(customer__identities__value="5127749213")
    assert_handled_as_exposed(exposed)
    other = Ticket.objects.get(customer__identities__value="42")
    assert other.category != "security" and not other.messages.filter(direction="outbound")


def test_a_phrase_in_a_later_message_exposes_the_open_ticket(desk, post_update):
    post_update(update(1, "my withdrawal is stuck"))
    post_update(update(2, "mine too", user=42))
    records_drain()
    post_update(update(3, f"here are my words {PHRASE} please check"))
    post_update(update(4, "any news?", user=42))
    records_drain()
    ticket = Ticket.objects.get(customer__identities__value="5127749213")
    assert ticket.messages.filter(direction="inbound").count() == 2
    assert_handled_as_exposed(ticket)
    [inbound] = Message.objects.filter(body_text__contains="[redacted: recovery phrase]")
    assert inbound.ticket_id == ticket.id
