"""Agents' replies on push channels go through the outbox: stable id, retries, give-up."""

from datetime import timedelta

import pytest

from tests import factories
from tests.inbox.helpers import inbound
from walletdesk.core.clock import frozen_at, now
from walletdesk.inbox import adapters
from walletdesk.inbox.models import Delivery
from walletdesk.inbox.services import delivery_attempt, delivery_bounce, message_ingest
from walletdesk.inbox.types import SendError
from walletdesk.tickets.models import Message
from walletdesk.tickets.services import reply_send

pytestmark = pytest.mark.django_db


class FakeSender:
    def __init__(self, *failures: SendError) -> None:
        self.failures = list(failures)
        self.sent = []

    def __call__(self, outbound):
        self.sent.append(outbound)
        if self.failures:
            raise self.failures.pop(0)
        return f"provider-{len(self.sent)}"


@pytest.fixture
def sender(monkeypatch):
    fake = FakeSender()
    email = adapters.get("email")
    monkeypatch.setitem(
        adapters._registry, "email", adapters.Adapter("email", email.parse, fake, "email")
    )
    return fake


@pytest.fixture
def reply(django_capture_on_commit_callbacks):
    agent = factories.agent()
    opened = message_ingest(inbound=inbound(sender="carol@example.com"))
    with django_capture_on_commit_callbacks(execute=False):
        message = reply_send(ticket=opened.ticket, agent=agent, body="We are on it.")
    return message


def test_reply_on_email_is_queued_in_the_outbox(reply):
    delivery = Delivery.objects.get(message=reply)
    assert delivery.state == "pending"
    assert delivery.recipient == "carol@example.com"
    assert delivery.external_id.startswith(f"wd.{reply.ticket_id}.{reply.id}.")


def test_a_successful_attempt_marks_the_message_sent(reply, sender):
    delivery = delivery_attempt(delivery_id=reply.delivery.id)
    assert delivery.state == "sent" and delivery.provider_id == "provider-1"
    assert Message.objects.get(id=reply.id).delivery_status == "sent"
    assert sender.sent[0].in_reply_to == reply.ticket.messages.first().external_id
    assert delivery_attempt(delivery_id=delivery.id) is None  # already sent: nothing resent


def test_temporary_failure_retries_later_with_the_same_id(reply, sender):
    sender.failures.append(SendError("421 try later"))
    first = delivery_attempt(delivery_id=reply.delivery.id)
    assert first.state == "pending" and first.attempts == 1
    assert first.next_attempt_at > now()
    assert delivery_attempt(delivery_id=first.id) is None  # not due yet
    with frozen_at(first.next_attempt_at + timedelta(seconds=1)):
        second = delivery_attempt(delivery_id=first.id)
    assert second.state == "sent" and second.attempts == 2
    assert sender.sent[0].message_id == sender.sent[1].message_id


def test_permanent_failure_gives_up(reply, sender):
    sender.failures.append(SendError("550 no such user", temporary=False))
    delivery = delivery_attempt(delivery_id=reply.delivery.id)
    assert delivery.state == "failed"
    assert Message.objects.get(id=reply.id).delivery_status == "failed"


def test_too_many_temporary_failures_give_up(reply, sender, settings):
    settings.INBOX = {**settings.INBOX, "OUTBOX_MAX_ATTEMPTS": 2}
    sender.failures += [SendError("timeout"), SendError("timeout")]
    first = delivery_attempt(delivery_id=reply.delivery.id)
    with frozen_at(first.next_attempt_at + timedelta(seconds=1)):
        second = delivery_attempt(delivery_id=first.id)
    assert second.state == "failed" and second.last_error == "timeout"


def test_a_bounce_naming_our_message_id_marks_it_failed(reply):
    delivery = reply.delivery
    assert delivery_bounce(references=[delivery.external_id], reason="550 5.1.1 unknown user")
    delivery.refresh_from_db()
    assert delivery.state == "bounced"
    assert Message.objects.get(id=reply.id).delivery_status == "failed"


def test_the_sweep_queues_only_deliveries_whose_task_was_lost(reply, monkeypatch):
    """A delivery waiting behind other tasks is not queued again at every sweep."""
    from walletdesk.inbox.services import outbox

    queued: list[int] = []
    monkeypatch.setattr(
        outbox, "_enqueue", lambda delivery_id, delay=None: queued.append(delivery_id)
    )
    assert outbox.delivery_sweep() == 0  # due now, its task still in the queue
    Delivery.objects.update(next_attempt_at=now() - timedelta(minutes=2))
    assert outbox.delivery_sweep() == 1 and queued == [reply.delivery.id]
