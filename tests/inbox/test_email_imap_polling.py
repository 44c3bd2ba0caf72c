"""IMAP polling against a real Dovecot: a UID + UIDVALIDITY cursor, nothing fetched twice,
\\Seen set only after the message is stored; the intake drain processes what was stored."""

import imaplib
from pathlib import Path

import pytest
from django.db import OperationalError

from tests import factories
from tests.inbox.conftest import imap_append
from walletdesk.inbox.adapters.email import imap
from walletdesk.inbox.models import InboundRecord, MailboxCursor
from walletdesk.inbox.services import records_drain
from walletdesk.tickets.models import Ticket

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
CORPUS = Path(__file__).parent / "fixtures" / "email"


@pytest.fixture(autouse=True)
def frontline():
    factories.team()


def _config(server) -> imap.ImapConfig:
    return imap.ImapConfig(server.host, server.port, server.user, server.password, "none")


def _seen_flags(server) -> dict[int, bool]:
    client = imaplib.IMAP4(server.host, server.port)
    client.login(server.user, server.password)
    client.select("INBOX", readonly=True)
    _typ, data = client.uid("FETCH", "1:*", "(FLAGS)")
    client.logout()
    flags = {}
    for line in data:
        text = line.decode()
        uid = int(text.split("UID ")[1].split()[0].rstrip(")"))
        flags[uid] = "\\Seen" in text
    return flags


def _mail(name: str) -> bytes:
    return (CORPUS / f"{name}.eml").read_bytes()


def test_poll_stores_new_mail_once_and_flags_it(imap_server):
    for name in ("02-alternative-utf8-qp-foxmail", "06-big5", "08-iso-2022-jp"):
        imap_append(imap_server, _mail(name))
    first = imap.mailbox_poll(_config(imap_server))
    assert (first.fetched, first.stored, first.last_uid) == (3, 3, 3)
    assert records_drain() == 3
    assert Ticket.objects.count() == 3
    assert _seen_flags(imap_server) == {1: True, 2: True, 3: True}
    assert imap.mailbox_poll(_config(imap_server)).fetched == 0
    imap_append(imap_server, _mail("09-shift-jis"))
    second = imap.mailbox_poll(_config(imap_server))
    assert (second.fetched, second.last_uid) == (1, 4)
    assert records_drain() == 1
    assert Ticket.objects.count() == 4


def test_new_uidvalidity_rereads_without_duplicates(imap_server):
    imap_append(imap_server, _mail("06-big5"))
    imap.mailbox_poll(_config(imap_server))
    MailboxCursor.objects.update(uidvalidity=1)  # as if the mailbox had been recreated
    again = imap.mailbox_poll(_config(imap_server))
    assert again.fetched == 1
    records_drain()
    assert InboundRecord.objects.count() == 1 and Ticket.objects.count() == 1


def test_nothing_is_acknowledged_when_storing_fails(imap_server, monkeypatch):
    imap_append(imap_server, _mail("06-big5"))

    def down(**kwargs):
        raise OperationalError("database unavailable")

    monkeypatch.setattr(imap, "inbound_accept", down)
    with pytest.raises(OperationalError):
        imap.mailbox_poll(_config(imap_server))
    assert _seen_flags(imap_server) == {1: False}
    assert MailboxCursor.objects.get().last_uid == 0
    monkeypatch.undo()
    assert imap.mailbox_poll(_config(imap_server)).stored == 1
