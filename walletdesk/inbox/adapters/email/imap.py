"""Inbound by IMAP polling: a UID + UIDVALIDITY cursor per mailbox, so nothing is fetched
twice and an outage of days is backfilled. A message is flagged \\Seen on the server only
after it has been stored durably."""

import contextlib
import imaplib
import logging
import re
import ssl
from dataclasses import dataclass

from django.db import transaction

from walletdesk.core.clock import now
from walletdesk.inbox.adapters.email.parse import external_id_of
from walletdesk.inbox.models import MailboxCursor
from walletdesk.inbox.services import inbound_accept, record_process_soon

logger = logging.getLogger(__name__)
UIDVALIDITY_RE = re.compile(rb"UIDVALIDITY (\d+)")
BATCH = 100


@dataclass(frozen=True)
class ImapConfig:
    host: str
    port: int
    user: str
    password: str
    security: str = "tls"  # none | starttls | tls
    folder: str = "INBOX"

    @property
    def mailbox(self) -> str:
        return f"{self.user}@{self.host}/{self.folder}"

    @classmethod
    def from_settings(cls, inbox: dict) -> "ImapConfig":  # type: ignore[type-arg]
        return cls(
            host=inbox["IMAP_HOST"],
            port=inbox["IMAP_PORT"],
            user=inbox["IMAP_USER"],
            password=inbox["IMAP_PASSWORD"],
            security=inbox["IMAP_SECURITY"].lower(),
            folder=inbox["IMAP_FOLDER"],
        )


@dataclass(frozen=True)
class PollResult:
    fetched: int
    stored: int
    uidvalidity: int
    last_uid: int


def connect(config: ImapConfig) -> imaplib.IMAP4:
    if config.security == "tls":
        client: imaplib.IMAP4 = imaplib.IMAP4_SSL(
            config.host, config.port, ssl_context=ssl.create_default_context(), timeout=60
        )
    else:
        client = imaplib.IMAP4(config.host, config.port, timeout=60)
        if config.security == "starttls":
            client.starttls(ssl.create_default_context())
    client.login(config.user, config.password)
    return client


def _uidvalidity(client: imaplib.IMAP4, folder: str) -> int:
    typ, _ = client.select(folder)
    if typ != "OK":
        raise imaplib.IMAP4.error(f"cannot select {folder}")
    _typ, data = client.response("UIDVALIDITY")
    if data and data[0]:
        return int(data[0])
    _typ, status = client.status(folder, "(UIDVALIDITY)")
    match = UIDVALIDITY_RE.search(status[0] or b"")
    if match is None:
        raise imaplib.IMAP4.error("server gave no UIDVALIDITY")
    return int(match.group(1))


def _cursor(config: ImapConfig, uidvalidity: int) -> MailboxCursor:
    cursor, _ = MailboxCursor.objects.get_or_create(mailbox=config.mailbox[:255])
    if cursor.uidvalidity != uidvalidity:  # the mailbox was recreated: read it again
        cursor.uidvalidity, cursor.last_uid = uidvalidity, 0
        cursor.save(update_fields=["uidvalidity", "last_uid"])
    return cursor


def _new_uids(client: imaplib.IMAP4, last_uid: int) -> list[int]:
    _typ, data = client.uid("SEARCH", f"UID {last_uid + 1}:*")
    uids = [int(u) for u in (data[0] or b"").split()]
    return sorted(u for u in uids if u > last_uid)  # "n:*" always matches the newest message


def _fetch(client: imaplib.IMAP4, uid: int) -> bytes | None:
    _typ, data = client.uid("FETCH", str(uid), "(BODY.PEEK[])")
    for item in data or []:
        if isinstance(item, tuple) and len(item) == 2:
            return bytes(item[1])
    return None


def _store_one(client: imaplib.IMAP4, config: ImapConfig, cursor: MailboxCursor, uid: int) -> bool:
    raw = _fetch(client, uid)
    if raw is None:  # expunged meanwhile
        stored = False
    else:
        record, new = inbound_accept(
            channel="email", payload=raw, external_id=external_id_of(raw), source=config.mailbox
        )
        client.uid("STORE", str(uid), "+FLAGS", "(\\Seen)")  # acknowledged only once stored
        if new:  # the worker's intake drain processes it, with others
            transaction.on_commit(lambda: record_process_soon(record.id))
        stored = True
    cursor.last_uid = uid
    cursor.save(update_fields=["last_uid"])
    return stored


def mailbox_poll(config: ImapConfig, *, batch: int = BATCH) -> PollResult:
    """Fetch every message after the cursor (oldest first, up to `batch`), store, flag."""
    client = connect(config)
    try:
        uidvalidity = _uidvalidity(client, config.folder)
        cursor = _cursor(config, uidvalidity)
        uids = _new_uids(client, cursor.last_uid)[:batch]
        stored = sum(_store_one(client, config, cursor, uid) for uid in uids)
        cursor.polled_at = now()
        cursor.save(update_fields=["polled_at"])
        return PollResult(len(uids), stored, uidvalidity, cursor.last_uid)
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            client.logout()
