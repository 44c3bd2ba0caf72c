"""`message_ingest`: the one path from any channel into tickets.

Deduplicate by (channel, external id), resolve the customer, thread onto their ticket or open
one, store attachments, then (after commit) publish the realtime event and queue follow-ups.
Text is redacted by the ticket services themselves; attachments are redacted here.
"""

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils.text import get_valid_filename

from walletdesk.accounts.models import Customer
from walletdesk.accounts.selectors import customers_by_identity
from walletdesk.accounts.services import customer_resolve
from walletdesk.core.bulk import bulk_set
from walletdesk.core.clock import now
from walletdesk.core.events import publish_on_commit, ticket_group
from walletdesk.guard.redaction import MARKERS, redact, redact_attachment
from walletdesk.inbox.models import InboundRecord
from walletdesk.inbox.services.outbox import delivery_bounce
from walletdesk.inbox.services.threads import thread_find, threads_find
from walletdesk.inbox.types import Automated, InboundAttachment, InboundMessage, IngestResult
from walletdesk.tickets.models import Attachment, Message, Ticket
from walletdesk.tickets.services import (
    CustomerText,
    TicketDraft,
    customer_message_add,
    customer_messages_add,
    tickets_create,
)

logger = logging.getLogger(__name__)
_gathered: ContextVar[list[int] | None] = ContextVar("inbox_followups", default=None)

QUARANTINE_TAG = "quarantine"
STATE_FOR_OUTCOME = {
    "stored": InboundRecord.State.PROCESSED,
    "duplicate": InboundRecord.State.DUPLICATE,
    "ignored": InboundRecord.State.IGNORED,
    "bounce": InboundRecord.State.PROCESSED,
}


def language_normalize(hint: str) -> str:
    """A channel's language hint as one of our languages; "" when we have no such language."""
    code = hint.strip().lower().replace("_", "-")
    if code.startswith("zh"):
        return "zh-hans"
    if code.startswith("en"):
        return "en"
    return ""


def message_ingest(*, inbound: InboundMessage, first_sight: bool = False) -> IngestResult:
    """Store one inbound message exactly once and return where it went.

    `first_sight`: the caller knows no copy can be stored yet (its raw record was never
    processed), so the look-up is skipped; the unique constraint still catches a race."""
    if not inbound.external_id:
        raise ValueError("an inbound message needs an external id, unique per channel")
    existing = None if first_sight else _existing(inbound)
    if existing is None:
        try:
            # No savepoint on first sight: a concurrent copy spoils the caller's transaction,
            # and its retry finds the record processed.
            with transaction.atomic(savepoint=not first_sight):
                result = _ingest(inbound)
                _record_mark(inbound, result)
                return result
        except IntegrityError:  # the same message, stored concurrently
            if first_sight:
                raise
            existing = _existing(inbound)
            if existing is None:
                raise
    result = IngestResult(existing.ticket, existing, duplicate=True, outcome="duplicate")
    _record_mark(inbound, result)
    return result


def _existing(inbound: InboundMessage) -> Message | None:
    return (
        Message.objects.select_related("ticket")
        .filter(channel=inbound.channel, external_id=inbound.external_id)
        .exclude(external_id="")  # matches the unique index's condition, so SQLite uses it
        .first()
    )


def messages_ingest(*, inbounds: list[InboundMessage]) -> list[IngestResult]:
    """`message_ingest` for a batch, in the caller's transaction: messages from people (not
    automated), of distinct senders, each seen for the first time (its record locked, never
    processed). Statements are shared: the senders' customers read at once, their tickets
    locked at once, the new tickets created together, the records marked together."""
    customers = _customers(inbounds)
    tickets = threads_find(list(zip(inbounds, customers, strict=True)))
    joining = [(n, ticket) for n, ticket in enumerate(tickets) if ticket is not None]
    opening = [n for n, ticket in enumerate(tickets) if ticket is None]
    results: dict[int, IngestResult] = {}
    added = customer_messages_add(texts=[_text(inbounds[n], ticket) for n, ticket in joining])
    for (n, ticket), (taker, message) in zip(joining, added, strict=True):
        results[n] = _stored(inbounds[n], taker, message, created=taker.id != ticket.id)
    opened = _tickets_open([(inbounds[n], customers[n]) for n in opening])
    for n, (ticket, message) in zip(opening, opened, strict=True):
        results[n] = _stored(inbounds[n], ticket, message, created=True)
    ordered = [results[n] for n in range(len(inbounds))]
    _records_mark_all(inbounds, ordered)
    return ordered


def _ingest(inbound: InboundMessage) -> IngestResult:
    if inbound.automated == Automated.BOUNCE:
        refs = (inbound.thread.in_reply_to, *inbound.thread.references)
        delivery_bounce(references=[r for r in refs if r], reason=redact(inbound.text).text[:500])
        return IngestResult(None, None, outcome="bounce")
    if inbound.automated == Automated.AUTO_REPLY:
        return IngestResult(None, None, outcome="ignored")  # no loops, no reopened tickets
    customer = _customer(inbound)
    ticket = None if inbound.automated else thread_find(inbound, customer)
    if ticket is None:
        [(ticket, message)] = _tickets_open([(inbound, customer)])
        return _stored(inbound, ticket, message, created=True)
    return _added(inbound, ticket)


def _added(inbound: InboundMessage, ticket: Ticket) -> IngestResult:
    text = _text(inbound, ticket)
    taker, message = customer_message_add(
        ticket=ticket,
        body=text.body,
        channel=text.channel,
        external_id=text.external_id,
        body_html=text.body_html,
        secrets_removed=text.secrets_removed,
    )
    return _stored(inbound, taker, message, created=taker.id != ticket.id)


def _text(inbound: InboundMessage, ticket: Ticket) -> CustomerText:
    secrets = _secrets_marked(inbound)
    return CustomerText(
        ticket=ticket,
        body=inbound.text,
        channel=inbound.channel,
        external_id=inbound.external_id,
        body_html="" if secrets else inbound.html,  # markup may hide what the markers stand for
        secrets_removed=secrets,
    )


def _stored(
    inbound: InboundMessage, ticket: Ticket, message: Message, *, created: bool
) -> IngestResult:
    _attachments_save(message, inbound.attachments)
    if not created:  # a new ticket is announced to its team's queue by ticket_create
        publish_on_commit(
            ticket_group(ticket.id),
            {"type": "message.created", "ticket": ticket.id, "message": message.id},
        )
    _followups_after(message.id)
    return IngestResult(ticket, message, created_ticket=created)


def _secrets_marked(inbound: InboundMessage) -> tuple[str, ...]:
    """Kinds of secrets removed from a message parsed from a payload stored redacted: its
    redaction markers stand for them."""
    if not inbound.redacted:
        return ()
    texts = (inbound.subject, inbound.text, inbound.html)
    return tuple(kind.value for kind, marker in MARKERS.items() if any(marker in t for t in texts))


def _customers(inbounds: list[InboundMessage]) -> list[Customer]:
    """Each message's customer: known identities read in one query per kind, new ones
    created."""
    known: dict[tuple[str, str], Customer] = {}
    for kind in {inbound.sender.kind for inbound in inbounds}:
        values = {i.sender.value for i in inbounds if i.sender.kind == kind}
        found = customers_by_identity(kind=kind, values=values)
        known.update(((kind, value), customer) for value, customer in found.items())
    return [_customer(i, known.get((i.sender.kind, i.sender.value))) for i in inbounds]


def _customer(inbound: InboundMessage, known: Customer | None = None) -> Customer:
    sender = inbound.sender
    return customer_resolve(
        kind=sender.kind,
        value=sender.value,
        display_name=sender.display_name,
        language=language_normalize(inbound.language) or None,
        verified=sender.verified,
        known=known,
    )


def _subject(inbound: InboundMessage) -> str:
    subject = " ".join(inbound.subject.split())
    if subject:
        return subject
    text = redact(inbound.text).text  # redact before cutting: a cut phrase is not found
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first[:80] or "(no subject)"


def _draft(inbound: InboundMessage, customer: Customer) -> TicketDraft:
    metadata = dict(inbound.metadata)
    metadata["channel_identity"] = {"kind": inbound.sender.kind, "value": inbound.sender.value}
    if inbound.thread.conversation_id:
        metadata["conversation_id"] = inbound.thread.conversation_id
    tags = []
    if inbound.automated:  # the "ticket trick": machine mail never joins or answers a ticket
        metadata["quarantine"] = inbound.automated
        tags = [QUARANTINE_TAG, f"automated-{inbound.automated.replace('_', '-')}"]
    secrets = _secrets_marked(inbound)
    return TicketDraft(
        customer=customer,
        subject=_subject(inbound),
        body=inbound.text,
        channel=inbound.channel,
        language=language_normalize(inbound.language),
        metadata=metadata,
        tags=tags,
        external_id=inbound.external_id,
        body_html="" if secrets else inbound.html,
        secrets_removed=secrets,
    )


def _tickets_open(pairs: list[tuple[InboundMessage, Customer]]) -> list[tuple[Ticket, Message]]:
    """New tickets for these messages, created together; with each its first message."""
    if not pairs:
        return []
    made = tickets_create(drafts=[_draft(inbound, customer) for inbound, customer in pairs])
    keys = [(inbound.channel, inbound.external_id) for inbound, _customer in pairs]
    firsts = Message.objects.filter(
        channel__in={channel for channel, _ in keys},
        external_id__in=[external_id for _, external_id in keys],
    ).exclude(external_id="")  # matches the unique index's condition, so SQLite uses it
    by_key = {(m.channel, m.external_id): m for m in firsts}
    return [(ticket, by_key[key]) for (ticket, _token), key in zip(made, keys, strict=True)]


def _attachment_data(attachment: InboundAttachment) -> bytes:
    """Text attachments (whatever their declared type) are redacted like message text; others
    are stored as received."""
    return redact_attachment(attachment.data, attachment.content_type)


def _attachments_save(message: Message, attachments: tuple[InboundAttachment, ...]) -> None:
    limit = int(settings.INBOX["MAX_ATTACHMENT_BYTES"])
    rows = []
    for attachment in attachments:
        if len(attachment.data) > limit:
            logger.warning("attachment of %s bytes over the limit", len(attachment.data))
            continue
        data = _attachment_data(attachment)
        try:
            name = get_valid_filename(attachment.name)[-120:]
        except SuspiciousFileOperation:
            name = "attachment"
        row = Attachment(
            message=message,
            filename=attachment.name[:255] or name,
            content_type=attachment.content_type[:120] or "application/octet-stream",
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
        )
        row.file.save(name, ContentFile(data), save=False)
        rows.append(row)
    Attachment.objects.bulk_create(rows)


def _record_mark(inbound: InboundMessage, result: IngestResult) -> None:
    if inbound.record_id is None:
        return
    InboundRecord.objects.filter(id=inbound.record_id).update(
        attempts=F("attempts") + 1,
        state=STATE_FOR_OUTCOME[result.outcome],
        reason=_reason(inbound),
        ticket=result.ticket,
        message=result.message,
        processed_at=now(),
    )


def _records_mark_all(inbounds: list[InboundMessage], results: list[IngestResult]) -> None:
    """As `_record_mark` for a batch of first-sight records (attempts 0 until now)."""
    at = now()
    records = [
        InboundRecord(
            id=inbound.record_id,
            attempts=1,
            state=STATE_FOR_OUTCOME[result.outcome],
            reason=_reason(inbound),
            ticket=result.ticket,
            message=result.message,
            processed_at=at,
        )
        for inbound, result in zip(inbounds, results, strict=True)
        if inbound.record_id is not None
    ]
    bulk_set(records, ["attempts", "state", "reason", "ticket", "message", "processed_at"])


def _reason(inbound: InboundMessage) -> str:
    return f"automated: {inbound.automated}" if inbound.automated else ""


def _followups_after(message_id: int) -> None:
    """The follow-up task of a stored message: gathered for a batch's one task once the
    transaction commits (`followups_gathered`), else queued with the message."""
    gathered = _gathered.get()
    if gathered is not None:
        transaction.on_commit(lambda: gathered.append(message_id))
    else:
        followups_enqueue([message_id])


@contextmanager
def followups_gathered() -> Iterator[list[int]]:
    """Collect the ids of the messages committed meanwhile instead of queueing a task for each;
    the caller queues one for all of them (`followups_enqueue`)."""
    ids: list[int] = []
    token = _gathered.set(ids)
    try:
        yield ids
    finally:
        _gathered.reset(token)


def followups_enqueue(message_ids: list[int]) -> None:
    """One `message_followups` task for these messages. When tasks are rows of this database
    the task is inserted in the open transaction (committed with the messages, no commit of
    its own); with another backend it is queued after commit."""
    if not message_ids:
        return
    ids = list(message_ids)
    if connection.in_atomic_block and tasks_in_database():
        _enqueue(ids)
    else:
        transaction.on_commit(lambda: _enqueue_logged(ids))


def tasks_in_database() -> bool:
    from django.tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends["default"], DatabaseBackend)


def _enqueue(message_ids: list[int]) -> None:
    from walletdesk.inbox import tasks

    tasks.message_followups.enqueue(*message_ids)


def _enqueue_logged(message_ids: list[int]) -> None:
    try:
        _enqueue(message_ids)
    except Exception:  # the message is stored; a lost follow-up must not fail the intake
        logger.exception("queueing follow-ups of messages %s failed", message_ids)
