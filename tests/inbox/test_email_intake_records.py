"""Raw mail is stored (redacted, with its SHA-256) before processing; unparsable mail is
quarantined with its bytes and can be reprocessed; `mail-receive` exits 75 when it cannot
store."""

import base64
import hashlib
import io
import quopri
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import OperationalError

from tests import factories
from walletdesk.inbox.adapters.email import delivery
from walletdesk.inbox.adapters.email.parse import external_id_of
from walletdesk.inbox.models import InboundRecord
from walletdesk.inbox.services import inbound_accept, record_process, record_reprocess
from walletdesk.tickets.models import Message, Ticket

pytestmark = pytest.mark.django_db
CORPUS = Path(__file__).parent / "fixtures" / "email"
PHRASE = "shop hard century cup vivid hour broken juice fetch apart punch sort"


@pytest.fixture(autouse=True)
def frontline():
    factories.team()


def _accept(raw: bytes) -> InboundRecord:
    record, _ = inbound_accept(channel="email", payload=raw, external_id=external_id_of(raw))
    return record


def test_stored_once_with_hash_then_processed():
    raw = (CORPUS / "02-alternative-utf8-qp-foxmail.eml").read_bytes()
    record = _accept(raw)
    again, new = inbound_accept(channel="email", payload=raw, external_id=external_id_of(raw))
    assert not new and again.id == record.id
    assert record.sha256 == hashlib.sha256(raw).hexdigest() and record.size == len(raw)
    [result] = record_process(record_id=record.id, payload=raw)
    record.refresh_from_db()
    assert record.state == "processed" and record.message_id == result.message.id
    assert record_process(record_id=record.id) == []  # done: a second run changes nothing
    assert Message.objects.count() == 1


def test_secret_in_quoted_printable_part_is_not_stored():
    body = quopri.encodestring(f"My recovery phrase is {PHRASE} please help".encode())
    raw = (
        b"From: leak@example.com\r\nTo: support@walletdesk.localhost\r\nSubject: help\r\n"
        b"Message-ID: <leak@example.com>\r\nContent-Type: text/plain; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\n" + body
    )
    record = _accept(raw)
    assert record.redacted
    assert b"vivid" not in bytes(record.payload)
    record_process(record_id=record.id, payload=raw)
    assert "vivid" not in Message.objects.get(direction="inbound").body_text


@pytest.mark.parametrize("name", ["68-no-sender-at-all", "69-garbage-bytes"])
def test_unparsable_mail_is_quarantined_with_its_bytes(name):
    raw = (CORPUS / f"{name}.eml").read_bytes()
    record = _accept(raw)
    assert record_process(record_id=record.id, payload=raw) == []
    record.refresh_from_db()
    assert record.state == "quarantined" and record.reason.startswith("unparsable")
    assert bytes(record.payload) == raw
    assert not Ticket.objects.exists()


def test_quarantined_record_can_be_reprocessed(monkeypatch):
    raw = (CORPUS / "01-plain-ascii-gmail-reply.eml").read_bytes()
    record = _accept(raw)
    from walletdesk.inbox import adapters

    email = adapters.get("email")

    def broken(payload):
        raise RuntimeError("parser bug")

    monkeypatch.setitem(adapters._registry, "email", adapters.Adapter("email", broken))
    record_process(record_id=record.id, payload=raw)
    record.refresh_from_db()
    assert record.state == "quarantined"
    monkeypatch.setitem(adapters._registry, "email", email)
    [result] = record_reprocess(record_id=record.id)
    assert result.created_ticket
    record.refresh_from_db()
    assert record.state == "processed"


def _stdin(monkeypatch, raw: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))


def test_mail_receive_stores_and_processes(monkeypatch):
    raw = (CORPUS / "06-big5.eml").read_bytes()
    _stdin(monkeypatch, raw)
    call_command("mail_receive", stdout=io.StringIO())
    assert Ticket.objects.get().subject == "錢包無法同步"


def test_mail_receive_exits_75_when_it_cannot_store(monkeypatch):
    _stdin(monkeypatch, (CORPUS / "06-big5.eml").read_bytes())

    def down(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(delivery, "inbound_accept", down)
    with pytest.raises(SystemExit) as exit_info:
        call_command("mail_receive", stdout=io.StringIO())
    assert exit_info.value.code == 75
    assert not InboundRecord.objects.exists()


def test_secret_warning_to_the_customer_goes_through_the_outbox():
    raw = (
        b"From: leak2@example.com\r\nTo: support@walletdesk.localhost\r\nSubject: phrase\r\n"
        b"Message-ID: <leak2@example.com>\r\n\r\nmy words: " + PHRASE.encode() + b"\r\n"
    )
    record = _accept(raw)
    [result] = record_process(record_id=record.id, payload=raw)
    warning = result.ticket.messages.get(direction="outbound")
    assert warning.delivery.recipient == "leak2@example.com"
    assert warning.delivery.state == "pending"


def test_huge_attachment_is_left_out_but_the_message_is_kept(settings):
    settings.INBOX = {**settings.INBOX, "MAX_ATTACHMENT_BYTES": 1_000_000}
    big = base64.encodebytes(b"\x89PNG" + bytes(2_000_000)).replace(b"\n", b"\r\n")
    small = base64.encodebytes(b"%PDF-1.4 small").replace(b"\n", b"\r\n")
    raw = (
        b"From: big@example.com\r\nTo: support@walletdesk.localhost\r\nSubject: big\r\n"
        b'Message-ID: <big@example.com>\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\nPhotos attached.\r\n--b\r\n"
        b'Content-Type: image/png; name="photo.png"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
        + big
        + b'--b\r\nContent-Type: application/pdf; name="note.pdf"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\n" + small + b"--b--\r\n"
    )
    record = _accept(raw)
    [result] = record_process(record_id=record.id, payload=raw)
    assert result.message.body_text == "Photos attached."
    [stored] = result.message.attachments.all()
    assert stored.filename == "note.pdf" and stored.file.read() == b"%PDF-1.4 small"


def test_keystore_attachment_is_redacted_in_record_and_attachment():
    keystore = b'{"version":3,"crypto":{"ciphertext":"ab12cd34","kdf":"scrypt","mac":"ff"}}'
    raw = (
        b"From: ks@example.com\r\nTo: support@walletdesk.localhost\r\nSubject: my backup\r\n"
        b'Message-ID: <ks@example.com>\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\nIs this file safe?\r\n--b\r\n"
        b'Content-Type: application/json; name="UTC--wallet.json"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(keystore).replace(b"\n", b"\r\n")
        + b"--b--\r\n"
    )
    record = _accept(raw)
    assert record.redacted
    assert base64.encodebytes(keystore)[:40] not in bytes(record.payload)
    [result] = record_process(record_id=record.id, payload=raw)
    [stored] = result.message.attachments.all()
    assert b"ciphertext" not in stored.file.read()
