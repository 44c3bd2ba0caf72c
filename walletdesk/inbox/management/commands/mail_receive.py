"""`walletdesk mail-receive`: one message on stdin from a local MTA (pipe or LMTP helper).

Exit 0 once the message is durably stored (processing failures are quarantined or retried
later); exit 75 (EX_TEMPFAIL) when it could not be stored, so the MTA keeps it and retries.
"""

import logging
import sys

from django.core.management.base import BaseCommand, CommandError

from walletdesk.inbox.adapters.email.parse import external_id_of
from walletdesk.inbox.services import inbound_accept, record_process

EX_TEMPFAIL = 75
logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Store and process one email read from standard input (for an MTA's pipe)."
    # No system checks: they query the database, and a database failure must end in exit 75.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--source", default="mta", help="label kept with the message")

    def handle(self, *args, source: str, **options):  # type: ignore[no-untyped-def]
        raw = sys.stdin.buffer.read()
        if not raw.strip():
            raise CommandError("empty message on stdin")
        try:
            record, _new = inbound_accept(
                channel="email", payload=raw, external_id=external_id_of(raw), source=source
            )
        except Exception:  # not stored, whatever the reason: the MTA keeps it and retries
            logger.exception("could not store the message; the MTA will retry")
            sys.exit(EX_TEMPFAIL)
        try:
            record_process(record_id=record.id, payload=raw)
        except Exception:  # stored: the sweep retries processing, the MTA must not resend
            logger.exception("message stored as record %s, processing deferred", record.id)
        record.refresh_from_db(fields=["state"])
        self.stdout.write(f"stored {record.id} {record.state}")
