"""Inbox writes. Other apps (and channel adapters) import from here.

Intake: `inbound_accept` stores a raw payload durably (redacted, with its SHA-256), then
`record_process` (one record) or `records_drain` (the worker's batches) parses it with the
channel's adapter and hands each message to `message_ingest`, the one path into tickets.
Outbound: `delivery_queue` adds an agent's reply to the outbox in the reply's transaction;
`delivery_attempt` sends it with retries.
"""

from walletdesk.inbox.services.intake import message_ingest
from walletdesk.inbox.services.outbox import (
    delivery_attempt,
    delivery_bounce,
    delivery_queue,
    delivery_sweep,
)
from walletdesk.inbox.services.processing import record_process, records_drain
from walletdesk.inbox.services.records import (
    inbound_accept,
    record_process_soon,
    record_quarantine,
    record_reprocess,
    records_pending_sweep,
)

__all__ = [
    "delivery_attempt",
    "delivery_bounce",
    "delivery_queue",
    "delivery_sweep",
    "inbound_accept",
    "message_ingest",
    "record_process",
    "record_process_soon",
    "record_quarantine",
    "record_reprocess",
    "records_drain",
    "records_pending_sweep",
]
