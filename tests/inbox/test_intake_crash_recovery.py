"""Failures between storing and processing lose nothing and store nothing twice: records left
`received` are picked up by the sweep; replaying a processed record changes nothing."""

import contextlib
import random

import pytest
from django.db import OperationalError

from tests import factories
from walletdesk.inbox.adapters.email.parse import external_id_of
from walletdesk.inbox.models import InboundRecord
from walletdesk.inbox.services import inbound_accept, intake, record_process, records_pending_sweep
from walletdesk.tickets.models import Message

pytestmark = pytest.mark.django_db


def _mail(i: int) -> bytes:
    reply = f"In-Reply-To: <m{i - 3}@example.com>\r\n" if i % 3 == 2 and i >= 3 else ""
    return (
        f"From: user{i % 4}@example.com\r\nTo: support@walletdesk.localhost\r\n"
        f"Subject: message {i}\r\nMessage-ID: <m{i}@example.com>\r\n{reply}\r\nbody {i}\r\n"
    ).encode()


def test_failed_processing_is_recovered_by_the_sweep(monkeypatch, settings):
    factories.team()
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    chance = random.Random(7)
    real = intake.thread_find

    def flaky(*args, **kwargs):
        if chance.random() < 0.4:
            raise OperationalError("connection lost")
        return real(*args, **kwargs)

    monkeypatch.setattr(intake, "thread_find", flaky)
    for i in range(40):
        raw = _mail(i)
        for _delivery in range(1 + i % 2):  # the MTA or IMAP hands some messages over twice
            record, _ = inbound_accept(
                channel="email", payload=raw, external_id=external_id_of(raw)
            )
            with contextlib.suppress(OperationalError):  # as mail-receive and the poller do
                record_process(record_id=record.id, payload=raw)
    assert InboundRecord.objects.filter(state="received").exists()
    monkeypatch.setattr(intake, "thread_find", real)
    records_pending_sweep(older_than_seconds=0)
    assert not InboundRecord.objects.exclude(state="processed").exists()
    inbound = Message.objects.filter(direction="inbound")
    assert inbound.count() == 40
    assert inbound.values("external_id").distinct().count() == 40
    assert InboundRecord.objects.count() == 40
