"""`walletdesk mail-lmtp`: real LMTP over a socket (smtplib.LMTP) into the raw-record intake,
one reply per recipient, 552 over the size limit, 451 when the message cannot be stored; the
stored message is left to the intake drain."""

import asyncio
import smtplib
import threading

import pytest
from django.db import OperationalError

from walletdesk.inbox.adapters.email import delivery
from walletdesk.inbox.adapters.email.lmtp import DeskHandler, recipient_accepted, serve
from walletdesk.inbox.models import InboundRecord
from walletdesk.inbox.services import records_drain
from walletdesk.tickets.models import Message, Ticket

pytestmark = pytest.mark.django_db(transaction=True)

LIMIT = 20_000
RECIPIENTS = ["support@wallet.example", "@help.wallet.example"]


def mail(n: int, body: str = "My TRX withdrawal has not arrived.") -> bytes:
    return (
        f"From: Ann <ann{n}@mail.example>\r\nTo: support@wallet.example\r\n"
        f"Subject: withdrawal {n}\r\nMessage-ID: <lmtp{n}@mail.example>\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    ).encode()


@pytest.fixture
def lmtp_port(media_in_tmp):
    loop = asyncio.new_event_loop()
    started = threading.Event()
    holder: dict = {}

    def run() -> None:
        asyncio.set_event_loop(loop)
        handler = DeskHandler(recipients=RECIPIENTS, source="lmtp-test")
        server = loop.run_until_complete(serve(handler=handler, max_bytes=LIMIT))
        holder["port"] = server.sockets[0].getsockname()[1]
        started.set()
        loop.run_forever()
        server.close()
        loop.run_until_complete(server.wait_closed())
        loop.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert started.wait(10)
    yield holder["port"]
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)


def deliver(port: int, raw: bytes, recipients: list[str]) -> tuple[list, list]:
    """One LMTP transaction: the RCPT replies, then one DATA reply per accepted recipient."""
    with smtplib.LMTP("127.0.0.1", port) as client:
        client.ehlo_or_helo_if_needed()
        client.mail("ann@mail.example")
        rcpt = [client.rcpt(r) for r in recipients]
        accepted = sum(1 for code, _ in rcpt if code == 250)
        data = [client.data(raw)]  # smtplib reads the first reply; LMTP sends one per recipient
        data += [client.getreply() for _ in range(accepted - 1)]
    return rcpt, data


def test_a_message_is_stored_once_with_a_reply_per_recipient(lmtp_port):
    rcpt, data = deliver(
        lmtp_port, mail(1), ["support@wallet.example", "support+t0ken@wallet.example"]
    )
    assert [code for code, _ in rcpt] == [250, 250]
    assert [code for code, _ in data] == [250, 250]
    assert b"<support@wallet.example>" in data[0][1]
    assert b"<support+t0ken@wallet.example>" in data[1][1]
    record = InboundRecord.objects.get()
    assert record.state == "received" and record.source == "lmtp-test"  # 250 once stored
    assert records_drain() == 1
    record.refresh_from_db()
    assert record.state == "processed"
    assert bytes(record.payload).startswith(
        b"Delivered-To: support@wallet.example\r\nDelivered-To: support+t0ken@wallet.example\r\n"
    )
    message = Message.objects.get()
    assert message.external_id == "lmtp1@mail.example" and message.channel == "email"
    assert Ticket.objects.get().subject == "withdrawal 1"


def test_a_redelivery_is_acknowledged_and_stored_once(lmtp_port):
    deliver(lmtp_port, mail(2), ["support@wallet.example"])
    _rcpt, again = deliver(lmtp_port, mail(2), ["support@wallet.example"])
    assert again[0][0] == 250
    assert records_drain() == 1
    assert InboundRecord.objects.count() == 1 and Message.objects.count() == 1


def test_unknown_recipients_are_refused_at_rcpt(lmtp_port):
    rcpt, data = deliver(
        lmtp_port, mail(3), ["nobody@elsewhere.example", "desk@help.wallet.example"]
    )
    assert [code for code, _ in rcpt] == [550, 250]
    assert [code for code, _ in data] == [250]  # only the accepted recipient gets a reply
    assert InboundRecord.objects.count() == 1


def test_a_message_over_the_limit_gets_552_per_recipient_and_nothing_is_stored(lmtp_port):
    big = mail(4, body="x" * 100 + "\r\n" + ("y" * 76 + "\r\n") * (LIMIT // 70))
    with smtplib.LMTP("127.0.0.1", lmtp_port) as client:
        client.ehlo_or_helo_if_needed()
        assert client.has_extn("size") and int(client.esmtp_features["size"]) == LIMIT
        client.mail("ann@mail.example")
        client.rcpt("support@wallet.example")
        client.rcpt("desk@help.wallet.example")
        first = client.data(big)
        second = client.getreply()
        client.rset()  # the session goes on: a small message still gets through
        client.mail("ann@mail.example")
        client.rcpt("support@wallet.example")
        after = client.data(mail(5))
    for code, text in (first, second):
        assert code == 552 and b"too big" in text and str(LIMIT).encode() in text
    assert after[0] == 250
    assert list(InboundRecord.objects.values_list("external_id", flat=True)) == [
        "lmtp5@mail.example"
    ]


def test_a_declared_size_over_the_limit_is_refused_at_mail(lmtp_port):
    with smtplib.LMTP("127.0.0.1", lmtp_port) as client:
        client.ehlo_or_helo_if_needed()
        code, _ = client.mail("ann@mail.example", options=[f"SIZE={LIMIT * 2}"])
    assert code == 552


def test_when_the_message_cannot_be_stored_every_recipient_gets_451(lmtp_port, monkeypatch):
    def down(**kwargs):
        raise OperationalError("the database is not accepting connections")

    monkeypatch.setattr(delivery, "inbound_accept", down)
    _rcpt, data = deliver(
        lmtp_port, mail(6), ["support@wallet.example", "desk@help.wallet.example"]
    )
    assert [code for code, _ in data] == [451, 451]
    assert not InboundRecord.objects.exists() and not Message.objects.exists()


@pytest.mark.parametrize(
    ("address", "accepted"),
    [
        ("support@wallet.example", True),
        ("<Support+abc.def@Wallet.Example>", True),
        ("sales@wallet.example", False),
        ("anyone@help.wallet.example", True),
        ("support@evil.example", False),
    ],
)
def test_recipient_patterns(address, accepted):
    assert recipient_accepted(address, RECIPIENTS) is accepted
    assert recipient_accepted(address, []) is True
