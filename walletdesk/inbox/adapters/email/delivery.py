"""One email handed over by a local MTA (`walletdesk mail-receive`, `walletdesk mail-lmtp`):
stored first as a raw record, then processed. The one intake both transports share."""

import logging

from django.db import transaction

from walletdesk.inbox.adapters.email.parse import external_id_of
from walletdesk.inbox.models import InboundRecord
from walletdesk.inbox.services import inbound_accept, record_process, record_process_soon

logger = logging.getLogger(__name__)


class NotStored(Exception):
    """The message was not stored (database unavailable, …): the MTA must keep it and retry."""


def mail_deliver(*, raw: bytes, source: str, process_here: bool = False) -> InboundRecord:
    """Store `raw` durably (once per Message-ID) and return the record; raises NotStored when
    it could not be stored. Processing is left to the worker's intake drain, which takes
    stored messages in batches (a task where tasks do not live in the database), unless
    `process_here`: a one-shot process (mail-receive) processes its message itself. Either
    way a processing failure leaves the record for later, and the MTA must not resend."""
    try:
        record, new = inbound_accept(
            channel="email", payload=raw, external_id=external_id_of(raw), source=source
        )
    except Exception as exc:  # not stored, whatever the reason
        raise NotStored(f"{type(exc).__name__}: {exc}") from exc
    if process_here:
        _process(record, raw)
    elif new:
        transaction.on_commit(lambda: record_process_soon(record.id))
    return record


def _process(record: InboundRecord, raw: bytes) -> None:
    try:
        record_process(record_id=record.id, payload=raw, record=record)
    except Exception:
        logger.exception("message stored as record %s, processing deferred", record.id)
