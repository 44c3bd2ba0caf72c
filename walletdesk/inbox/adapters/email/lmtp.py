"""An LMTP server (RFC 2033) for a local MTA (Postfix `lmtp:`, Dovecot-LDA style): the
protocol is aiosmtpd's `LMTP`; every message goes through `delivery.mail_deliver`, the same
raw-record intake as `walletdesk mail-receive`.

Replies after DATA, one per accepted recipient (RFC 2033 §4.2): 250 once the message is
stored; 451 (the MTA keeps it and retries) when it could not be stored; 552 when it is over
INBOX["LMTP_MAX_MESSAGE_BYTES"] (also announced as SIZE in the LHLO answer, so a
well-behaved MTA does not even send it). Recipients are checked at RCPT against
INBOX["LMTP_RECIPIENTS"] (empty = every address).
"""

import asyncio
import logging
from collections.abc import Iterable
from typing import Any

from aiosmtpd.lmtp import LMTP
from channels.db import database_sync_to_async

from walletdesk.inbox.adapters.email.delivery import NotStored, mail_deliver

logger = logging.getLogger(__name__)

TOO_MUCH = "552 Error: Too much mail data"  # aiosmtpd's answer when DATA passes the limit
TOO_LONG = "500 Line too long (see RFC5321 4.5.3.1.6)"


def recipient_accepted(address: str, patterns: Iterable[str]) -> bool:
    """`support@x.example` (also `support+anything@x.example`, our reply addresses) or
    `@x.example` for a whole domain; no patterns = accept every address."""
    patterns = [p.strip().lower() for p in patterns if p.strip()]
    if not patterns:
        return True
    local, _, domain = address.strip("<>").lower().rpartition("@")
    base = local.split("+", 1)[0]
    return any(
        p == f"@{domain}" or p in (f"{local}@{domain}", f"{base}@{domain}") for p in patterns
    )


class DeskLmtp(LMTP):
    """aiosmtpd's LMTP with one reply per recipient also when the message is refused for its
    size, and long lines accepted (real mail has them; refusing would lose it)."""

    line_length_limit = 1_000_000

    def __init__(self, handler: Any, *, max_bytes: int, hostname: str | None = None) -> None:
        super().__init__(
            handler,
            data_size_limit=max_bytes,
            enable_SMTPUTF8=True,
            decode_data=False,
            hostname=hostname,
            ident="Walletdesk LMTP",
        )
        self.max_bytes = max_bytes

    async def push(self, status: Any) -> None:
        if status in (TOO_MUCH, TOO_LONG) and self.envelope and self.envelope.rcpt_tos:
            reply = f"552 5.3.4 Message too big: the limit is {self.max_bytes} bytes"
            status = "\r\n".join([reply] * len(self.envelope.rcpt_tos))
        await super().push(status)


class DeskHandler:
    """aiosmtpd handler: recipients by pattern, then the message into the raw-record intake."""

    def __init__(self, *, recipients: Iterable[str] = (), source: str = "lmtp") -> None:
        self.recipients = list(recipients)
        self.source = source

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list
    ) -> str:
        if not recipient_accepted(address, self.recipients):
            return f"550 5.1.1 <{address}>: no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = _with_delivered_to(envelope.rcpt_tos, envelope.original_content)
        try:
            record = await database_sync_to_async(mail_deliver)(raw=raw, source=self.source)
            line = f"250 2.0.0 stored as {record.id}"
        except NotStored:
            logger.exception("LMTP: message not stored; the MTA will retry")
            line = "451 4.3.0 Temporarily unable to store the message; try again later"
        return "\r\n".join(f"{line} <{rcpt}>" for rcpt in envelope.rcpt_tos)


def _with_delivered_to(recipients: list[str], raw: bytes) -> bytes:
    """As a local delivery agent does: the envelope recipients become `Delivered-To` headers
    (our signed reply address may be only in the envelope, e.g. a Bcc)."""
    lines = b"".join(f"Delivered-To: {r}\r\n".encode() for r in recipients)
    return lines + raw


async def serve(
    *,
    handler: DeskHandler,
    max_bytes: int,
    host: str = "127.0.0.1",
    port: int = 0,
    socket_path: str = "",
    ready: asyncio.Event | None = None,
) -> asyncio.Server:
    """Start listening (TCP, or a Unix socket when `socket_path`); returns the server."""
    loop = asyncio.get_running_loop()

    def factory() -> DeskLmtp:
        return DeskLmtp(handler, max_bytes=max_bytes)

    if socket_path:
        server = await loop.create_unix_server(factory, path=socket_path)
    else:
        server = await loop.create_server(factory, host=host, port=port)
    if ready is not None:
        ready.set()
    return server
