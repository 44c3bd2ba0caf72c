"""When the database cannot take an update, the webhook and the long-poller spool it to disk
(redacted, fsynced) and acknowledge; the drain moves it into the database exactly once."""

import json

import pytest
from django.db import OperationalError

from tests.inbox_telegram._payloads import load, raw
from tests.inbox_telegram.conftest import SECRET
from walletdesk.inbox.adapters.telegram import spool
from walletdesk.inbox.adapters.telegram.config import default_bot
from walletdesk.inbox.adapters.telegram.polling import poll_once
from walletdesk.inbox.models import InboundRecord
from walletdesk.tickets.models import Message

pytestmark = pytest.mark.django_db
PHRASE = "shop hard century cup vivid hour broken juice fetch apart punch sort"


@pytest.fixture
def spool_dir(settings, bot_api, tmp_path):
    settings.TELEGRAM = {**settings.TELEGRAM, "SPOOL_DIR": str(tmp_path / "spool")}
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "spool"


@pytest.fixture
def database_refuses_records(monkeypatch):
    """Every INSERT of an inbound record fails as it does while the database is down."""

    def refuse(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr(InboundRecord, "save", refuse)
    return monkeypatch


def post(client, body: bytes):
    return client.post(
        "/inbox/telegram/support/",
        data=body,
        content_type="application/json",
        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
    )


def spooled(directory) -> list:
    return sorted(directory.glob("*.json"))


def test_the_webhook_spools_when_the_database_fails_and_the_drain_stores_it_once(
    client, spool_dir, database_refuses_records, django_capture_on_commit_callbacks
):
    update = load("private_text")
    update["message"]["text"] = f"my phrase is {PHRASE}, is that safe?"
    body = json.dumps(update).encode()
    assert post(client, body).status_code == 200  # acknowledged: it is on disk
    assert post(client, body).status_code == 200  # Telegram's redelivery, spooled again
    [first, _second] = spooled(spool_dir)
    assert b"vivid" not in first.read_bytes()  # redacted before it touches the disk
    assert not InboundRecord.objects.exists()

    database_refuses_records.undo()
    with django_capture_on_commit_callbacks(execute=True):
        assert spool.spool_drain() == 2
    assert spooled(spool_dir) == []
    record = InboundRecord.objects.get()
    assert record.external_id == "support:731264001" and record.redacted
    assert record.size == len(body)
    assert (record.state, record.attempts) == ("processed", 1)
    assert Message.objects.filter(channel="telegram", direction="inbound").count() == 1
    # the phrase was redacted before the spool, and still counts: the customer is warned
    assert Message.objects.filter(channel="telegram", direction="outbound").count() == 1
    assert post(client, body).status_code == 200  # a later redelivery: seen, not stored
    assert InboundRecord.objects.count() == 1 and spool.spool_drain() == 0


def test_a_file_left_after_its_record_committed_is_not_stored_twice(
    client, spool_dir, database_refuses_records
):
    assert post(client, raw("sticker")).status_code == 200
    [path] = spooled(spool_dir)
    content = path.read_bytes()
    database_refuses_records.undo()
    assert spool.spool_drain() == 1
    path.write_bytes(content)  # as if the drain died between the commit and the unlink
    assert spool.spool_drain() == 1
    assert InboundRecord.objects.filter(channel="telegram").count() == 1
    assert spooled(spool_dir) == []


def test_an_unreadable_file_is_kept_aside(spool_dir):
    spool_dir.mkdir(parents=True)
    (spool_dir / "0001-broken.json").write_bytes(b"{not json")
    assert spool.spool_drain() == 0
    assert [p.name for p in spool_dir.iterdir()] == ["0001-broken.bad"]


def test_without_a_spool_the_webhook_answers_an_error(
    client, settings, bot_api, database_refuses_records
):
    settings.TELEGRAM = {**settings.TELEGRAM, "SPOOL_DIR": "off"}
    client.raise_request_exception = False
    assert post(client, raw("private_text")).status_code == 500  # Telegram will redeliver


def test_the_long_poller_spools_and_still_advances(bot_api, spool_dir, database_refuses_records):
    bot_api.updates = [load("private_text"), load("photo")]
    offset, stored = poll_once(bot=default_bot(), offset=None, timeout=0)
    assert (offset, stored) == (731264004, 2)  # confirmed: both are durable on disk
    assert len(spooled(spool_dir)) == 2
    database_refuses_records.undo()
    assert spool.spool_drain() == 2
    assert set(InboundRecord.objects.values_list("external_id", flat=True)) == {
        "support:731264001",
        "support:731264003",
    }
