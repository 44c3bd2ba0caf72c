"""A raw record processed for the first time skips the look-up for an earlier copy of its
message (fewer queries per message); a record seen before still deduplicates, and every
processing counts one attempt."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from walletdesk.inbox.adapters.email.delivery import mail_deliver
from walletdesk.inbox.models import InboundRecord
from walletdesk.inbox.services import record_reprocess
from walletdesk.tickets.models import Message

pytestmark = pytest.mark.django_db

RAW = (
    b"From: Lin <lin@mail.example>\r\nTo: support@walletdesk.localhost\r\n"
    b"Subject: stuck transfer\r\nMessage-ID: <first-sight@mail.example>\r\n\r\nhelp\r\n"
)


def _message_queries(queries: list[dict]) -> list[str]:
    return [q["sql"].split()[0] for q in queries if '"tickets_message"' in q["sql"]]


def test_a_new_record_inserts_its_message_without_looking_for_a_copy(settings):
    factories.team()
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    with CaptureQueriesContext(connection) as captured:
        record = mail_deliver(raw=RAW, source="test", process_here=True)
    touching = _message_queries(captured.captured_queries)
    assert touching and touching[0] == "INSERT", touching
    record.refresh_from_db()
    assert record.state == "processed" and record.attempts == 1
    assert Message.objects.filter(external_id="first-sight@mail.example").count() == 1


def test_a_redelivered_message_is_neither_processed_nor_stored_again(settings):
    factories.team()
    mail_deliver(raw=RAW, source="test", process_here=True)
    again = mail_deliver(raw=RAW, source="test", process_here=True)
    assert InboundRecord.objects.count() == 1 and again.attempts == 1
    assert Message.objects.count() == 1


def test_a_record_processed_before_still_finds_its_stored_message(settings):
    """An admin reprocessing a record whose message is stored gets a duplicate, not a copy."""
    factories.team()
    record = mail_deliver(raw=RAW, source="test", process_here=True)
    InboundRecord.objects.filter(id=record.id).update(state="quarantined")
    results = record_reprocess(record_id=record.id)
    assert [r.outcome for r in results] == ["duplicate"]
    assert Message.objects.count() == 1
    record.refresh_from_db()
    assert record.state == "duplicate" and record.attempts == 2
