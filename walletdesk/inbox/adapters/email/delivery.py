"""One email handed over by a local MTA (`walletdesk mail-receive`, `walletdesk mail-lmtp`):
stored first as a raw record, then processed. The one intake both transports share."""

import logging

from walletdesk.inbox.adapters.email.parse import external_id_of
from walletdesk.inbox.models import InboundRecord
from walletdesk.inbox.services import inbound_accept, record_process

logger = logging.getLogger(__name__)


class NotStored(Exception):
    """The message was not stored (database unavailable, …): the MTA must keep it and retry."""


def mail_deliver(*, raw: bytes, source: str) -> InboundRecord:
    """Store `raw` durably (once per Message-ID), then process it. Returns the record once it
    is stored, whatever processing did: a processing failure leaves it `received` for the
    sweep, and the MTA must not resend. Raises NotStored when it could not be stored."""
    try:
        record, _new = inbound_accept(
            channel="email", payload=raw, external_id=external_id_of(raw), source=source
        )
    except Exception as exc:  # not stored, whatever the reason
        raise NotStored(f"{type(exc).__name__}: {exc}") from exc
    try:
        record_process(record_id=record.id, payload=raw, record=record)
    except Exception:
        logger.exception("message stored as record %s, processing deferred", record.id)
    return record
