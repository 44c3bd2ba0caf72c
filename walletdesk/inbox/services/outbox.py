"""The outbox: agents' replies to push-channels, sent by a task with retries and backoff.

A Delivery row is written in the reply's own transaction (nothing is lost if the process dies
right after commit); the send task is queued after commit and a sweep picks up the rest.
Every attempt carries the same stable id, so a recipient can drop duplicates.
"""

import logging
import random
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q

from walletdesk.accounts.models import CustomerIdentity
from walletdesk.core.clock import now
from walletdesk.guard.selectors import anti_phishing_signed
from walletdesk.inbox import adapters
from walletdesk.inbox.models import Delivery
from walletdesk.inbox.services.threads import reply_token_for
from walletdesk.inbox.types import InboundAttachment, OutboundMessage, SendError
from walletdesk.tickets.models import Message

logger = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)  # a claimed attempt that never reported back is retried after this
SWEEP_BATCH = 200
SWEEP_GRACE = timedelta(minutes=1)  # a queued send task normally runs well within this


def backoff_seconds(attempts: int, retry_after: float | None = None) -> float:
    """Delay before the next attempt: 30 s doubling to 6 h, ±10 %, or what the channel asked."""
    if retry_after is not None:
        return max(1.0, float(retry_after))
    base = min(30 * 2 ** max(attempts - 1, 0), 6 * 3600)
    return base * random.uniform(0.9, 1.1)


def _recipient(message: Message, kind: str) -> str:
    identity = (message.ticket.metadata or {}).get("channel_identity") or {}
    if identity.get("kind") == kind and identity.get("value"):
        return str(identity["value"])
    value = (
        CustomerIdentity.objects.filter(customer_id=message.ticket.customer_id, kind=kind)
        .order_by("-verified", "-id")
        .values_list("value", flat=True)
        .first()
    )
    return value or ""


def delivery_queue(*, message: Message) -> Delivery | None:
    """Add an outbound message to the outbox (call inside the transaction that wrote it)."""
    adapter = adapters.get(message.channel)
    if adapter is None or adapter.send is None:
        return None
    at = now()
    recipient = _recipient(message, adapter.identity_kind)
    domain = settings.INBOX["MAIL_DOMAIN"]
    delivery = Delivery.objects.create(
        message=message,
        channel=message.channel,
        recipient=recipient,
        external_id=f"wd.{message.ticket_id}.{message.id}.{secrets.token_hex(4)}@{domain}",
        state=Delivery.State.PENDING if recipient else Delivery.State.FAILED,
        last_error="" if recipient else "the customer has no address on this channel",
        next_attempt_at=at,
        created_at=at,
    )
    if not recipient:
        Message.objects.filter(id=message.id).update(delivery_status=Message.Delivery.FAILED)
        return delivery
    transaction.on_commit(lambda: _enqueue(delivery.id))
    return delivery


def _enqueue(delivery_id: int, delay: float | None = None) -> None:
    from walletdesk.inbox import tasks

    try:
        if delay:
            run_after = now() + timedelta(seconds=delay)
            tasks.delivery_send.using(run_after=run_after).enqueue(delivery_id)
        else:
            tasks.delivery_send.enqueue(delivery_id)
    except Exception:  # the row is durable: delivery_sweep will pick it up
        logger.exception("queueing delivery %s failed", delivery_id)


def _claim(delivery_id: int) -> bool:
    """Take the next attempt; False when it is not due, already sent, or taken by another."""
    at = now()
    return bool(
        Delivery.objects.filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=at),
            id=delivery_id,
            state=Delivery.State.PENDING,
        ).update(next_attempt_at=at + LEASE, attempts=F("attempts") + 1)
    )


def delivery_attempt(*, delivery_id: int) -> Delivery | None:
    """One send attempt (the task's body); safe to call twice, at any time."""
    if not _claim(delivery_id):
        return None
    delivery = Delivery.objects.select_related("message__ticket__customer").get(id=delivery_id)
    adapter = adapters.get(delivery.channel)
    try:
        if adapter is None or adapter.send is None:
            raise SendError(f"no sender for channel {delivery.channel}", temporary=False)
        provider_id = adapter.send(outbound_build(delivery))
    except SendError as exc:
        return _failed(delivery, exc)
    except Exception as exc:  # a bug or an unexpected provider answer: retry, then give up
        logger.exception("delivery %s failed", delivery.id)
        return _failed(delivery, SendError(f"{type(exc).__name__}: {exc}"))
    return _sent(delivery, provider_id)


@transaction.atomic
def _sent(delivery: Delivery, provider_id: str) -> Delivery:
    delivery.state, delivery.sent_at = Delivery.State.SENT, now()
    delivery.provider_id, delivery.last_error = (provider_id or "")[:255], ""
    delivery.next_attempt_at = None
    delivery.save(
        update_fields=["state", "sent_at", "provider_id", "last_error", "next_attempt_at"]
    )
    Message.objects.filter(id=delivery.message_id, delivery_status=Message.Delivery.QUEUED).update(
        delivery_status=Message.Delivery.SENT
    )
    return delivery


@transaction.atomic
def _failed(delivery: Delivery, error: SendError) -> Delivery:
    delivery.last_error = str(error)[:500]
    give_up = not error.temporary or delivery.attempts >= int(settings.INBOX["OUTBOX_MAX_ATTEMPTS"])
    if give_up:
        delivery.state, delivery.next_attempt_at = Delivery.State.FAILED, None
        Message.objects.filter(id=delivery.message_id).update(
            delivery_status=Message.Delivery.FAILED
        )
    else:
        delay = backoff_seconds(delivery.attempts, error.retry_after)
        delivery.next_attempt_at = now() + timedelta(seconds=delay)
        transaction.on_commit(lambda: _enqueue(delivery.id, delay))
    delivery.save(update_fields=["state", "next_attempt_at", "last_error"])
    return delivery


def outbound_build(delivery: Delivery) -> OutboundMessage:
    """Everything a channel sender needs, read fresh from the database."""
    message = delivery.message
    ticket = message.ticket
    earlier = list(
        Message.objects.filter(ticket=ticket, direction=Message.Direction.INBOUND)
        .exclude(external_id="")
        .order_by("-id")
        .values_list("external_id", flat=True)[:10]
    )
    ours = list(
        Delivery.objects.filter(message__ticket=ticket, id__lt=delivery.id)
        .order_by("-id")
        .values_list("external_id", flat=True)[:10]
    )
    text, html = anti_phishing_signed(  # the customer's anti-phishing code, if they set one
        customer_id=ticket.customer_id,
        language=ticket.language,
        text=message.body_text,
        html=message.body_html,
    )
    return OutboundMessage(
        delivery_id=delivery.id,
        channel=delivery.channel,
        recipient=delivery.recipient,
        subject=ticket.subject,
        text=text,
        html=html,
        language=ticket.language,
        message_id=delivery.external_id,
        in_reply_to=earlier[0] if earlier else "",
        references=tuple(reversed(earlier + ours)),
        reply_token=reply_token_for(ticket),
        ticket_number=ticket.number,
        attachments=tuple(
            InboundAttachment(a.filename, a.content_type, a.file.read())
            for a in message.attachments.all()
        ),
        metadata=dict(ticket.metadata or {}),
    )


def delivery_bounce(*, references: list[str], reason: str) -> bool:
    """A delivery status notification names one of our deliveries: record the failure."""
    delivery = Delivery.objects.filter(external_id__in=references[-50:]).order_by("-id").first()
    if delivery is None:
        return False
    delivery.state, delivery.last_error = Delivery.State.BOUNCED, reason[:500] or "bounced"
    delivery.next_attempt_at = None
    delivery.save(update_fields=["state", "last_error", "next_attempt_at"])
    Message.objects.filter(id=delivery.message_id).update(delivery_status=Message.Delivery.FAILED)
    return True


def delivery_sweep() -> int:
    """Queue every pending delivery due for over SWEEP_GRACE: its task was lost (a crash, a
    queue that refused it). One that merely waits in a busy task queue is left alone: queued
    again at every sweep, 287 assistant replies once made 1,947 send tasks (session 5)."""
    due = list(
        Delivery.objects.filter(
            state=Delivery.State.PENDING, next_attempt_at__lte=now() - SWEEP_GRACE
        )
        .order_by("next_attempt_at")
        .values_list("id", flat=True)[:SWEEP_BATCH]
    )
    for delivery_id in due:
        _enqueue(delivery_id)
    return len(due)
