"""Processing stored payloads, one record at a time or in claimed batches.

A record is prepared outside any transaction (parsed; Telegram also fetches its files). Alone,
it is then applied in a transaction of its own that first locks the row and checks it is still
`received`, so it is processed exactly once whoever else tries. Failures: a database that is
unavailable propagates (the record stays `received`, retried later); a message the intake
rejects, or any other error, quarantines the record alone; a unique-constraint race is retried
once with the look-up for an earlier copy.

`records_drain` is what the worker runs: it claims a batch of `received` records (on PostgreSQL
with session advisory locks taken with SKIP LOCKED semantics, so workers never share a record
and a crashed worker's claims vanish with its connection) and ingests their messages from people
together, in rounds of one message per sender, one transaction per round that locks its
records (still `received`, never tried) the same way; the tickets a round continues are locked
in id order and agents in one statement by ticket creation, so two workers' rounds do not wait
on each other in a circle. A round that fails is rolled back and its records are done alone,
as are the records a round does not take. One follow-up task is queued for all the messages
the batch stored.
"""

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace

from django.conf import settings
from django.db import (
    IntegrityError,
    InterfaceError,
    OperationalError,
    connection,
    transaction,
)

from walletdesk.core.clock import now
from walletdesk.core.errors import DomainError
from walletdesk.inbox import adapters
from walletdesk.inbox.models import InboundRecord
from walletdesk.inbox.services.intake import (
    followups_enqueue,
    followups_gathered,
    message_ingest,
    messages_ingest,
)
from walletdesk.inbox.services.records import DONE, record_quarantine
from walletdesk.inbox.types import Apply, InboundMessage, IngestResult, Prepared

logger = logging.getLogger(__name__)

Member = tuple[InboundRecord, Prepared]
BULK_PAYLOAD_BYTES = 256 * 1024
LOCK_SPACE = 0x5744_0001  # advisory-lock namespace of drain claims ("WD", 1)
LOCK_WAITING = (
    "SELECT set_config('synchronous_commit', 'off', true) FROM inbox_inboundrecord"
    " WHERE id = %s AND state = %s FOR UPDATE"
)
LOCK_SKIPPING = LOCK_WAITING + " SKIP LOCKED"
LOCK_MANY = (
    "SELECT id, set_config('synchronous_commit', 'off', true) FROM inbox_inboundrecord"
    " WHERE id = ANY(%s) AND state = %s AND attempts = 0 ORDER BY id FOR UPDATE SKIP LOCKED"
)
_wake = threading.Event()


def drain_wake() -> None:
    """A new record is stored: the drainer of this process (if any) looks at once."""
    _wake.set()


def drain_wait(timeout: float) -> None:
    _wake.wait(timeout)
    _wake.clear()


def record_process(
    *, record_id: int, payload: bytes | None = None, record: InboundRecord | None = None
) -> list[IngestResult]:
    """Parse a stored payload with its channel's adapter and ingest every message in it.

    `payload` is the original (unredacted) bytes when the caller still holds them; otherwise the
    stored, redacted form is parsed. `record` saves reading the row again when the caller has
    just stored it. Safe to call again: a record processed meanwhile is left alone.
    """
    if record is None or record.id != record_id:
        record = InboundRecord.objects.get(id=record_id)
    if record.state in DONE:
        return []
    return _process(record, _prepare(record, payload).apply, skip_locked=False)


def records_drain(*, limit: int | None = None) -> int:
    """Process up to `limit` (INBOX_DRAIN_BATCH) stored records. Returns how many were claimed."""
    limit = limit or int(settings.INBOX["DRAIN_BATCH"])
    with _claimed(limit) as records, followups_gathered() as message_ids:
        try:
            _drain(records)
        finally:
            _followups_flush(message_ids)
    return len(records)


def _drain(records: list[InboundRecord]) -> None:
    """Records whose payload is read already are prepared together; their messages from people
    are ingested in rounds, one transaction per round (see `_rounds`). The rest, and any round
    that fails, one record at a time."""
    small = [r for r in records if r.size <= BULK_PAYLOAD_BYTES]
    ready = [(record, _prepare(record, None)) for record in small]
    rounds, alone = _rounds(ready)
    for members in rounds:
        alone += _round_applied(members)
    alone.sort(key=lambda pair: pair[0].id)
    for record, prepared in alone:
        _process(record, prepared.apply, skip_locked=True)
    for record in records:
        if record.size > BULK_PAYLOAD_BYTES:  # read, prepared and applied one at a time
            _process(record, _prepare(record, None).apply, skip_locked=True)


def _rounds(ready: list[Member]) -> tuple[list[list[Member]], list[Member]]:
    """The records a batch may take, in rounds: round n holds each sender's n-th message (in
    arrival order), so a round's messages are independent; and the records to do alone."""
    rounds: list[list[Member]] = []
    seen: dict[tuple[str, str, str], int] = {}
    alone = []
    for record, prepared in ready:
        inbound = prepared.inbound
        if inbound is None or inbound.automated or record.attempts or not inbound.external_id:
            alone.append((record, prepared))
            continue
        sender = (inbound.channel, inbound.sender.kind, inbound.sender.value)
        n = seen[sender] = seen.get(sender, -1) + 1
        if n == len(rounds):
            rounds.append([])
        rounds[n].append((record, prepared))
    return rounds, alone


def _round_applied(members: list[Member]) -> list[Member]:
    """One round in one transaction: lock the records still to do, touch, ingest together.
    Returns the members to do alone: none, or all of them when the round failed (a bad
    message, a race, a deadlock), so that each is then quarantined or retried on its own."""
    try:
        with transaction.atomic():
            fresh = _lock_first_sight([record.id for record, _ in members])
            inbounds = [p.inbound for r, p in members if r.id in fresh and p.inbound is not None]
            inbounds = _not_ahead(inbounds)
            _touch(inbounds)
            messages_ingest(inbounds=inbounds)
    except Exception as exc:
        logger.info("a round of %s records failed (%s); one at a time", len(members), exc)
        return members
    return []


def _not_ahead(inbounds: list[InboundMessage]) -> list[InboundMessage]:
    """Leave for a later drain (still `received`) a reply that arrived after the message it
    answers while that one is not processed yet: another drain holds it (claims go oldest
    first). Taken now, the reply would miss its original's ticket."""
    named = {(i.channel, ref) for i in inbounds for ref in _refs(i)}
    if not named:
        return inbounds
    own = {i.record_id for i in inbounds if i.record_id is not None}
    pending = InboundRecord.objects.filter(
        channel__in={c for c, _ in named},
        external_id__in={ref for _, ref in named},
        state=InboundRecord.State.RECEIVED,
    ).exclude(id__in=own)
    ahead = {(c, e): n for c, e, n in pending.values_list("channel", "external_id", "id")}
    return [inbound for inbound in inbounds if not _waits(inbound, ahead)]


def _waits(inbound: InboundMessage, ahead: dict[tuple[str, str], int]) -> bool:
    """A message it answers is in an older record, not processed yet."""
    mine = inbound.record_id or 0
    return any(ahead.get((inbound.channel, ref), mine) < mine for ref in _refs(inbound))


def _refs(inbound: InboundMessage) -> list[str]:
    return [r for r in (inbound.thread.in_reply_to, *inbound.thread.references) if r]


def _touch(inbounds: list[InboundMessage]) -> None:
    """Each channel's own write for its messages of the round (Telegram: their chats)."""
    for channel in sorted({inbound.channel for inbound in inbounds}):
        adapter = adapters.get(channel)
        if adapter is not None and adapter.touch is not None:
            adapter.touch([inbound for inbound in inbounds if inbound.channel == channel])


def _lock_first_sight(record_ids: list[int]) -> set[int]:
    """Lock those of these records still `received` and never tried (others are left alone:
    processed meanwhile, held by another transaction, or to be done alone)."""
    todo = InboundRecord.objects.filter(
        id__in=record_ids, state=InboundRecord.State.RECEIVED, attempts=0
    )
    if connection.vendor != "postgresql":  # SQLite: the IMMEDIATE transaction excludes writers
        return set(todo.values_list("id", flat=True))
    with connection.cursor() as cursor:  # the locks and the relaxed commit in one round trip
        cursor.execute(LOCK_MANY, [record_ids, InboundRecord.State.RECEIVED])
        return {row[0] for row in cursor.fetchall()}


def _followups_flush(message_ids: list[int]) -> None:
    try:
        followups_enqueue(message_ids)
    except Exception:  # the messages are stored; the assistant's turn is not worth failing for
        logger.exception("queueing follow-ups of %s messages failed", len(message_ids))


@contextmanager
def _claimed(limit: int) -> Iterator[list[InboundRecord]]:
    """The oldest `received` records nobody else holds. PostgreSQL: each is held by an advisory
    lock of this connection until the batch ends (or the connection dies)."""
    pending = InboundRecord.objects.filter(state=InboundRecord.State.RECEIVED).order_by("id")
    if connection.vendor != "postgresql":
        yield _with_payloads(list(pending.defer("payload")[:limit]))
        return
    candidates = list(pending.values_list("id", flat=True)[: limit * 4])
    with connection.cursor() as cursor:
        # No ORDER BY: the scan stops at `limit` locks taken (in the array's order), instead of
        # locking every candidate before sorting.
        cursor.execute(
            "SELECT id FROM unnest(%s::bigint[]) AS c(id)"
            " WHERE pg_try_advisory_lock(%s, (id %% 2147483647)::int) LIMIT %s",
            [candidates, LOCK_SPACE, limit],
        )
        held = [row[0] for row in cursor.fetchall()]
    try:
        yield _with_payloads(list(pending.filter(id__in=held).defer("payload"))) if held else []
    finally:
        with suppress(OperationalError, InterfaceError), connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock_all()")


def _with_payloads(records: list[InboundRecord]) -> list[InboundRecord]:
    """Payloads up to BULK_PAYLOAD_BYTES in one query; larger ones (mail with attachments) are
    read one at a time when processed, so a batch never holds them all in memory."""
    small = [r.id for r in records if r.size <= BULK_PAYLOAD_BYTES]
    payloads = dict(InboundRecord.objects.filter(id__in=small).values_list("id", "payload"))
    for record in records:
        if record.id in payloads:
            record.payload = payloads[record.id]
    return records


def _prepare(record: InboundRecord, payload: bytes | None) -> Prepared:
    """Everything done before the transaction: parse, and whatever the channel fetches."""
    adapter = adapters.get(record.channel)
    if adapter is not None and adapter.prepare is not None:
        try:
            return adapter.prepare(record)
        except Exception as exc:
            logger.exception("preparing inbound %s failed", record)
            return Prepared(_quarantining(record, f"failed: {type(exc).__name__}: {exc}"))
    if adapter is None or adapter.parse is None:
        return Prepared(_quarantining(record, f"no adapter for channel {record.channel}"))
    try:
        messages = adapter.parse(payload if payload is not None else bytes(record.payload))
    except Exception as exc:
        return Prepared(_quarantining(record, f"unparsable: {type(exc).__name__}: {exc}"))
    if not messages:
        return Prepared(lambda _fresh: _record_ignore(record))
    # Parsed from the stored form: its redaction markers stand for the secrets removed.
    redacted = payload is None and record.redacted
    messages = [replace(m, record_id=record.id, redacted=redacted) for m in messages]
    apply = lambda fresh: [message_ingest(inbound=m, first_sight=fresh) for m in messages]  # noqa: E731
    return Prepared(apply, inbound=messages[0] if len(messages) == 1 else None)


def _quarantining(record: InboundRecord, reason: str) -> Apply:
    def apply(_fresh: bool) -> list[IngestResult]:
        record_quarantine(record=record, reason=reason)
        return []

    return apply


def _record_ignore(record: InboundRecord) -> list[IngestResult]:
    InboundRecord.objects.filter(id=record.id).update(
        state=InboundRecord.State.IGNORED, reason="nothing to ingest", processed_at=now()
    )
    return []


def _process(record: InboundRecord, apply: Apply, *, skip_locked: bool) -> list[IngestResult]:
    fresh = record.state == InboundRecord.State.RECEIVED and record.attempts == 0
    try:
        return _applied(record, apply, fresh=fresh, skip_locked=skip_locked)
    except IntegrityError:
        if not fresh:
            reason = "failed: IntegrityError"
        else:  # a copy of a message was stored concurrently: look for it this time
            return _process_again(record, apply, skip_locked=skip_locked)
    except (OperationalError, InterfaceError):
        raise  # the database is unavailable: the record stays received
    except (DomainError, ValueError) as exc:
        reason = f"rejected: {exc}"
    except Exception as exc:
        logger.exception("processing inbound %s failed", record)
        reason = f"failed: {type(exc).__name__}: {exc}"
    _applied(record, _quarantining(record, reason), fresh=False, skip_locked=skip_locked)
    return []


def _process_again(record: InboundRecord, apply: Apply, *, skip_locked: bool) -> list[IngestResult]:
    try:
        return _applied(record, apply, fresh=False, skip_locked=skip_locked)
    except (OperationalError, InterfaceError):
        raise
    except Exception as exc:
        logger.exception("processing inbound %s failed twice", record)
        reason = f"failed: {type(exc).__name__}: {exc}"
    _applied(record, _quarantining(record, reason), fresh=False, skip_locked=skip_locked)
    return []


def _applied(
    record: InboundRecord, apply: Apply, *, fresh: bool, skip_locked: bool
) -> list[IngestResult]:
    """One transaction: lock the record, check it is still to do, apply. On PostgreSQL it
    commits without waiting for the disk: the raw record is the durable copy, and a processing
    lost in a crash leaves it `received` for the next drain."""
    with transaction.atomic():
        if not _lock_if_received(record.id, skip_locked=skip_locked):
            return []  # processed meanwhile (or being processed, when skipping locked rows)
        return apply(fresh)


def _lock_if_received(record_id: int, *, skip_locked: bool) -> bool:
    todo = InboundRecord.objects.filter(id=record_id, state=InboundRecord.State.RECEIVED)
    if connection.vendor != "postgresql":
        return todo.exists()  # SQLite: the IMMEDIATE transaction already excludes writers
    with connection.cursor() as cursor:  # one round trip: the lock and the relaxed commit
        cursor.execute(LOCK_SKIPPING if skip_locked else LOCK_WAITING, [record_id, "received"])
        return cursor.fetchone() is not None
