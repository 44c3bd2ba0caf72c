"""Raw inbound payloads: stored (redacted) before anything else, processed, quarantined."""

import hashlib
import logging
from contextlib import nullcontext
from dataclasses import replace
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction

from walletdesk.core.clock import now
from walletdesk.core.errors import DomainError
from walletdesk.guard.redaction import redact
from walletdesk.inbox import adapters
from walletdesk.inbox.models import InboundRecord
from walletdesk.inbox.services.intake import message_ingest
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
    digest = hashlib.sha256(payload).hexdigest()
    external_id = (external_id or f"sha256:{digest}")[:255]
    stored, redacted = _stored_form(channel, payload)
    record = InboundRecord(
        channel=channel,
        external_id=external_id,
        source=source[:120],
        sha256=digest,
        size=len(payload),
        payload=stored,
        redacted=redacted,
        received_at=now(),
    )
    try:
        with transaction.atomic() if connection.in_atomic_block else nullcontext():
            record.save(force_insert=True)
    except IntegrityError:  # seen before (a redelivery), or accepted concurrently
        return InboundRecord.objects.get(channel=channel, external_id=external_id), False
    return record, True


def record_quarantine(*, record: InboundRecord, reason: str) -> InboundRecord:
    """Keep a payload we could not process for an admin to look at and reprocess."""
    record.state, record.reason = InboundRecord.State.QUARANTINED, reason[:255]
    record.processed_at, record.attempts = now(), record.attempts + 1
    record.save(update_fields=["state", "reason", "processed_at", "attempts"])
    logger.warning("inbound %s quarantined: %s", record, reason)
    return record


def record_process(
    *, record_id: int, payload: bytes | None = None, record: InboundRecord | None = None
) -> list[IngestResult]:
    """Parse a stored payload with its channel's adapter and ingest every message in it.

    `payload` is the original (unredacted) bytes when the caller still holds them; otherwise the
    stored, redacted form is parsed. `record` saves reading the row again when the caller has
    just stored it. Unparsable payloads and rejected messages are quarantined; database errors
    propagate so the caller can retry. Safe to call again.
    """
    if record is None or record.id != record_id:
        record = InboundRecord.objects.get(id=record_id)
    if record.state in DONE:
        return []
    adapter = adapters.get(record.channel)
    if adapter is not None and adapter.process is not None:
        adapter.process(record.id)  # the channel processes its own records (Telegram)
        return []
    if adapter is None or adapter.parse is None:
        record_quarantine(record=record, reason=f"no adapter for channel {record.channel}")
        return []
    try:
        messages = adapter.parse(payload if payload is not None else bytes(record.payload))
    except Exception as exc:
        record_quarantine(record=record, reason=f"unparsable: {type(exc).__name__}: {exc}")
        return []
    if not messages:
        InboundRecord.objects.filter(id=record.id).update(
            state=InboundRecord.State.IGNORED, reason="nothing to ingest", processed_at=now()
        )
        return []
    return _ingest_all(record, messages)


def _relaxed_commit() -> None:
    """Processing need not wait for its commit to reach the disk (PostgreSQL): the raw record
    is already durable, and a processing lost in a crash leaves it `received` for the sweep."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _ingest_all(record: InboundRecord, messages: list) -> list[IngestResult]:  # type: ignore[type-arg]
    """One transaction; the attempt is counted when the record is marked (`_record_mark`).
    A record never processed before holds no stored message yet: the messages skip the
    look-up for an earlier copy (the unique constraint still guards a race)."""
    fresh = record.state == InboundRecord.State.RECEIVED and record.attempts == 0
    try:
        with transaction.atomic():
            _relaxed_commit()
            return [
                message_ingest(inbound=replace(m, record_id=record.id), first_sight=fresh)
                for m in messages
            ]
    except (DomainError, ValueError) as exc:
        record_quarantine(record=record, reason=f"rejected: {exc}")
        return []


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
    InboundRecord.objects.filter(id=record_id, state=InboundRecord.State.QUARANTINED).update(
        state=InboundRecord.State.RECEIVED, reason=""
    )
    return record_process(record_id=record_id)
