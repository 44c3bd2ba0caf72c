"""Inbox tasks: they take ids, re-read the rows and are safe to run twice."""

from django.tasks import task

from walletdesk.inbox import services


@task()
def inbound_process(record_id: int) -> int:
    """Process a stored raw payload (webhooks store first, answer, then queue this)."""
    return len(services.record_process(record_id=record_id))


@task()
def delivery_send(delivery_id: int) -> str:
    delivery = services.delivery_attempt(delivery_id=delivery_id)
    return delivery.state if delivery is not None else "not due"


@task()
def message_followups(message_id: int) -> int:
    """After a customer message is stored: the place for the assistant's first answer and the
    guard's link checks as those apps land (each an explicit call here). Nothing yet."""
    return message_id
