"""Threading never lets a stranger append to someone else's ticket (spoofing, ticket trick)."""

import pytest

from tests import factories
from tests.inbox.helpers import inbound, reply_to
from walletdesk.inbox.services import message_ingest
from walletdesk.inbox.services.threads import reply_token_for
from walletdesk.inbox.types import Automated, ThreadHints

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frontline():
    factories.team()


def test_reply_from_another_sender_opens_its_own_ticket():
    first = inbound()
    opened = message_ingest(inbound=first)
    spoof = reply_to(first)
    spoof = inbound(sender="mallory@example.net", thread=spoof.thread)
    result = message_ingest(inbound=spoof)
    assert result.created_ticket
    assert result.ticket.id != opened.ticket.id
    assert opened.ticket.messages.count() == 1


def test_signed_reply_token_threads():
    opened = message_ingest(inbound=inbound())
    token = reply_token_for(opened.ticket)
    result = message_ingest(inbound=inbound(subject="x", thread=ThreadHints(reply_token=token)))
    assert result.ticket.id == opened.ticket.id


def test_forged_reply_token_is_ignored():
    opened = message_ingest(inbound=inbound())
    forged = reply_token_for(opened.ticket)[:-2] + "xx"
    result = message_ingest(inbound=inbound(thread=ThreadHints(reply_token=forged)))
    assert result.created_ticket


def test_ticket_number_threads_only_for_a_verified_requester():
    opened = message_ingest(inbound=inbound(verified=True))
    number = opened.ticket.number
    unverified = message_ingest(inbound=inbound(thread=ThreadHints(ticket_number=number)))
    assert unverified.created_ticket
    verified = message_ingest(
        inbound=inbound(verified=True, thread=ThreadHints(ticket_number=number.lower()))
    )
    assert verified.ticket.id == opened.ticket.id


def test_ticket_number_of_someone_else_never_threads():
    opened = message_ingest(inbound=inbound(verified=True))
    other = inbound(
        sender="bob@example.org",
        verified=True,
        thread=ThreadHints(ticket_number=opened.ticket.number),
    )
    assert message_ingest(inbound=other).ticket.id != opened.ticket.id


def test_automated_sender_opens_a_quarantined_ticket_and_never_threads():
    first = inbound(sender="noreply@service.example")
    opened = message_ingest(inbound=first)
    machine = reply_to(first, automated=Automated.NO_REPLY, text="Your code is 123456")
    result = message_ingest(inbound=machine)
    assert result.created_ticket and result.ticket.id != opened.ticket.id
    assert result.ticket.metadata["quarantine"] == "no_reply"
    assert set(result.ticket.tags.values_list("name", flat=True)) >= {"quarantine"}


def test_auto_reply_is_recorded_but_makes_no_ticket():
    result = message_ingest(inbound=inbound(automated=Automated.AUTO_REPLY))
    assert result.outcome == "ignored" and result.ticket is None


def test_conversation_id_threads_within_a_channel():
    thread = ThreadHints(conversation_id="chat-42")
    opened = message_ingest(inbound=inbound(thread=thread))
    again = message_ingest(inbound=inbound(thread=thread, text="hello again"))
    assert again.ticket.id == opened.ticket.id
