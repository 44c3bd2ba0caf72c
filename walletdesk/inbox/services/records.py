"""Raw inbound payloads: stored (redacted) before anything else, processed, quarantined."""

import hashlib
import logging
from contextlib import nullcontext
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction

from walletdesk.core.clock import now
from walletdesk.guard.redaction import redact
from walletdesk.inbox import adapters
from walletdesk.inbox.models import InboundRecord
from walletdesk.inbox.types import IngestResult

logger = logging.getLogger(__name__)

SWEEP_BATCH = 200
DONE = (InboundRecord.State.PROCESSED, InboundRecord.State.DUPLICATE, InboundRecord.State.IGNORED)


def payload_redact(payload: bytes) -> tuple[bytes, bool]:
    """The payload with every secret in its text replaced by a marker; bytes that are not
    UTF-8 survive unchanged (surrogate escapes)."""
    text = payload.decode("utf-8", "surrogateescape")
    result = redact(text)
    if not result.findings:
        return payload, False
    return result.text.encode("utf-8", "surrogateescape"), True


def _stored_form(channel: str, payload: bytes) -> tuple[bytes, bool]:
    adapter = adapters.get(channel)
    if adapter is not None and adapter.redact_raw is not None:
        try:
            return adapter.redact_raw(payload)
        except Exception:  # an unparsable payload still gets the generic redaction
            logger.info("channel redaction failed on a %s payload; using the generic one", channel)
    return payload_redact(payload)


def inbound_accept(
    *, channel: str, payload: bytes, external_id: str = "", source: str = ""
) -> tuple[InboundRecord, bool]:
    """Store a raw payload durably, once per (channel, external id). Returns it and whether it
    is new. Acknowledge to the sender only after this has committed.

    New payloads are the common case: one INSERT (its own transaction, unless the caller holds
    one: then a savepoint); the unique constraint answers for a payload seen before."""
    return inbound_store(
        inbound_build(channel=channel, payload=payload, external_id=external_id, source=source)
    )


def inbound_build(
    *, channel: str, payload: bytes, external_id: str = "", source: str = ""
) -> InboundRecord:
    """The record for a raw payload, not saved yet: secrets redacted, SHA-256 and size of the
    original. (A transport that cannot reach the database spools this form, never the raw.)"""
    digest = hashlib.sha256(payload).hexdigest()
    stored, redacted = _stored_form(channel, payload)
    return InboundRecord(
        channel=channel,
        external_id=(external_id or f"sha256:{digest}")[:255],
        source=source[:120],
        sha256=digest,
        size=len(payload),
        payload=stored,
        redacted=redacted,
        received_at=now(),
    )


def inbound_store(record: InboundRecord) -> tuple[InboundRecord, bool]:
    """Save a built record once per (channel, external id); see `inbound_accept`."""
    try:
        with transaction.atomic() if connection.in_atomic_block else nullcontext():
            record.save(force_insert=True)
    except IntegrityError:  # seen before (a redelivery), or accepted concurrently
        seen = InboundRecord.objects.get(channel=record.channel, external_id=record.external_id)
        return seen, False
    return record, True


def record_quarantine(*, record: InboundRecord, reason: str) -> InboundRecord:
    """Keep a payload we could not process for an admin to look at and reprocess."""
    record.state, record.reason = InboundRecord.State.QUARANTINED, reason[:255]
    record.processed_at, record.attempts = now(), record.attempts + 1
    record.save(update_fields=["state", "reason", "processed_at", "attempts"])
    logger.warning("inbound %s quarantined: %s", record, reason)
    return record


def records_pending_sweep(*, older_than_seconds: int | None = None) -> int:
    """Queue processing of stored payloads left `received` (a crash between store and
    process, or a database outage during processing) for INBOX["RECORDS_SWEEP_AFTER_SECONDS"]."""
    from walletdesk.inbox import tasks

    if older_than_seconds is None:
        older_than_seconds = int(settings.INBOX["RECORDS_SWEEP_AFTER_SECONDS"])
    cutoff = now() - timedelta(seconds=older_than_seconds)
    pending = list(
        InboundRecord.objects.filter(state=InboundRecord.State.RECEIVED, received_at__lte=cutoff)
        .order_by("id")
        .values_list("id", flat=True)[:SWEEP_BATCH]
    )
    for record_id in pending:
        tasks.inbound_process.enqueue(record_id)
    return len(pending)


def record_reprocess(*, record_id: int) -> list[IngestResult]:
    """An admin retries a quarantined payload (from its stored, redacted form)."""
    from walletdesk.inbox.services.processing import record_process

    InboundRecord.objects.filter(id=record_id, state=InboundRecord.State.QUARANTINED).update(
        state=InboundRecord.State.RECEIVED, reason=""
    )
    return record_process(record_id=record_id)


def record_process_soon(record_id: int) -> None:
    """Call after commit for a record stored by a transport that does not process it itself.
    With tasks in this database the worker's drain finds `received` records by itself (no task
    row per record): wake this process's drainer. Another task backend gets a task."""
    from walletdesk.inbox import tasks
    from walletdesk.inbox.services.intake import tasks_in_database
    from walletdesk.inbox.services.processing import drain_wake

    if tasks_in_database():
        drain_wake()
        return
    try:
        tasks.inbound_process.enqueue(record_id)
    except Exception:  # the record is durable and stays "received" for the sweep
        logger.exception("queueing inbound record %s failed", record_id)
