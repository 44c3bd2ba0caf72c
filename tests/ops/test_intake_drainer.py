"""The worker's intake drainer thread processes stored payloads without a task per payload, and
a store in the same process wakes it at once (it would otherwise look only every poll)."""

import time

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from tests import factories
from walletdesk.inbox.models import InboundRecord
from walletdesk.inbox.services import inbound_accept, record_process_soon
from walletdesk.ops.worker import IntakeDrainer

pytestmark = pytest.mark.django_db(transaction=True)

RAW = (
    b"From: Lin <lin@mail.example>\r\nTo: support@walletdesk.localhost\r\n"
    b"Subject: stuck\r\nMessage-ID: <drainer@mail.example>\r\n\r\nhelp\r\n"
)


def state_within(record_id: int, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while True:
        state = InboundRecord.objects.values_list("state", flat=True).get(id=record_id)
        if state != "received" or time.monotonic() > deadline:
            return state
        time.sleep(0.05)


def test_a_stored_payload_wakes_the_drainer_and_is_processed(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    factories.team()
    drainer = IntakeDrainer(poll=30)  # idle it would sleep 30 s: only the wake-up is quick
    drainer.start()
    try:
        time.sleep(0.3)  # the first (empty) drain is done; the drainer now waits
        record, _ = inbound_accept(channel="email", payload=RAW, external_id="drainer@m")
        record_process_soon(record.id)
        assert state_within(record.id, 10) == "processed"
    finally:
        drainer.stop()
        record_process_soon(0)  # wake it so that it sees the stop
        drainer.join(timeout=10)
        connection.close()
    assert not drainer.is_alive()
    assert not DBTaskResult.objects.filter(task_path__endswith="inbound_process").exists()
