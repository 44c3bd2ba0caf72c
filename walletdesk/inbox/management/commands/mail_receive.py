"""`walletdesk mail-receive`: one message on stdin from a local MTA (a pipe transport).

Exit 0 once the message is durably stored (processing failures are quarantined or retried
later); exit 75 (EX_TEMPFAIL) when it could not be stored, so the MTA keeps it and retries.
`walletdesk mail-lmtp` is the same intake as an LMTP server.
"""

import logging
import sys

from django.core.management.base import BaseCommand, CommandError

from walletdesk.inbox.adapters.email.delivery import NotStored, mail_deliver

EX_TEMPFAIL = 75
logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Store and process one email read from standard input (for an MTA's pipe)."
    # A process per message has no intake drain of its own: it processes its message itself.
    # No system checks: they query the database, and a database failure must end in exit 75.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--source", default="mta", help="label kept with the message")

    def handle(self, *args, source: str, **options):  # type: ignore[no-untyped-def]
        raw = sys.stdin.buffer.read()
        if not raw.strip():
            raise CommandError("empty message on stdin")
        try:
            record = mail_deliver(raw=raw, source=source, process_here=True)
        except NotStored:
            logger.exception("could not store the message; the MTA will retry")
            sys.exit(EX_TEMPFAIL)
        try:
            record.refresh_from_db(fields=["state"])
        except Exception:  # stored; only the report line is missing its state
            logger.exception("stored record %s, state unknown", record.id)
        self.stdout.write(f"stored {record.id} {record.state}")
