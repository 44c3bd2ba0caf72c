"""Inbox tasks: they take ids, re-read the rows and are safe to run twice."""

import logging

from django.tasks import task

from walletdesk.inbox import services

logger = logging.getLogger(__name__)


@task()
def inbound_process(record_id: int) -> int:
    """Process a stored raw payload (queued by the pending sweep, and by webhooks when tasks do
    not live in the database; otherwise the worker's drain finds stored records itself)."""
    return len(services.record_process(record_id=record_id))


@task()
def delivery_send(delivery_id: int) -> str:
    delivery = services.delivery_attempt(delivery_id=delivery_id)
    return delivery.state if delivery is not None else "not due"


@task()
def message_followups(*message_ids: int) -> int:
    """After customer messages are stored (one task per intake batch): the assistant answers
    first where the channel's mode allows it (WALLETDESK_ASSISTANT_CHANNELS), else leaves the
    ticket to people. A failure on one message is logged: it is stored and the ticket is in its
    team's queue, and the other messages still get their turn."""
    from walletdesk.assistant.autoreply import assistant_on_message

    for message_id in message_ids:
        try:
            assistant_on_message(message_id=message_id)
        except Exception:
            logger.exception(
                "assistant on message %s failed; the ticket stays with people", message_id
            )
    return len(message_ids)
