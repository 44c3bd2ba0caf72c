"""`walletdesk mail-lmtp`: an LMTP server for a local MTA (see docs/email.md).

Postfix: `mailbox_transport = lmtp:inet:127.0.0.1:2424` (or `lmtp:unix:/run/walletdesk/lmtp`
with `--socket`). Each message is stored as a raw record before the per-recipient 250, the
same intake as `walletdesk mail-receive`.
"""

import asyncio
import contextlib
import logging
import os

from django.conf import settings
from django.core.management.base import BaseCommand

from walletdesk.inbox.adapters.email.lmtp import DeskHandler, serve


class Command(BaseCommand):
    help = "Serve LMTP for a local MTA; every message is stored, then processed."
    requires_system_checks: list[str] = []  # a database down at start must not stop the server

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=2424)
        parser.add_argument("--socket", default="", help="a Unix socket path instead of TCP")
        parser.add_argument("--source", default="lmtp", help="label kept with each message")

    def handle(self, *args, host: str, port: int, socket: str, source: str, **options):  # type: ignore[no-untyped-def]
        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(self._serve(host=host, port=port, socket_path=socket, source=source))

    async def _serve(self, *, host: str, port: int, socket_path: str, source: str) -> None:
        inbox = settings.INBOX
        handler = DeskHandler(recipients=inbox["LMTP_RECIPIENTS"], source=source)
        if socket_path and os.path.exists(socket_path):
            os.unlink(socket_path)  # a stale socket of an earlier run
        server = await serve(
            handler=handler,
            max_bytes=int(inbox["LMTP_MAX_MESSAGE_BYTES"]),
            host=host,
            port=port,
            socket_path=socket_path,
        )
        where = socket_path or ", ".join(str(s.getsockname()) for s in server.sockets)
        self.stdout.write(f"LMTP listening on {where}", ending="\n")
        self.stdout.flush()
        async with server:
            await server.serve_forever()
