"""message_ingest stores each (channel, external id) once and threads replies."""

import pytest

from tests import factories
from tests.inbox.helpers import inbound, reply_to
from walletdesk.inbox.services import message_ingest
from walletdesk.tickets.models import Message, Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frontline():
    factories.team()


def test_first_message_opens_a_ticket_for_the_sender():
    result = message_ingest(inbound=inbound(subject="Where is my USDT?"))
    assert result.created_ticket and not result.duplicate
    assert result.ticket.subject == "Where is my USDT?"
    assert result.ticket.channel == "email"
    assert result.ticket.customer.identities.get().value == "alice@example.com"
    assert result.message.body_text == "My USDT transfer has not arrived."


def test_the_same_message_twice_is_stored_once():
    message = inbound()
    first = message_ingest(inbound=message)
    second = message_ingest(inbound=message)
    assert second.duplicate and not second.created_ticket
    assert second.message.id == first.message.id
    assert Message.objects.filter(external_id=message.external_id).count() == 1
    assert Ticket.objects.count() == 1


def test_a_reply_by_message_id_joins_the_ticket():
    first = inbound()
    opened = message_ingest(inbound=first)
    result = message_ingest(inbound=reply_to(first, text="Any news?"))
    assert not result.created_ticket
    assert result.ticket.id == opened.ticket.id
    assert list(result.ticket.messages.values_list("body_text", flat=True)) == [
        "My USDT transfer has not arrived.",
        "Any news?",
    ]


def test_empty_subject_takes_the_first_line():
    result = message_ingest(inbound=inbound(subject="", text="\n\n  Help please  \nmore"))
    assert result.ticket.subject == "Help please"


def test_language_hint_is_normalised():
    result = message_ingest(inbound=inbound(language="zh-CN", text="我的USDT没有到账"))
    assert result.ticket.language == "zh-hans"
    assert result.ticket.customer.language == "zh-hans"


def test_external_id_is_required():
    with pytest.raises(ValueError):
        message_ingest(inbound=inbound(external_id=""))
