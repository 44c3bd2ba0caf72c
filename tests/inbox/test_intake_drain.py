"""The worker's drain processes stored records in batches: each exactly once, one follow-up task
for the batch's messages, a bad record quarantined alone, a database error leaving the rest for
the next drain; on PostgreSQL two drains at once never share a record."""

import pytest
from django.db import OperationalError
from django_tasks_db.models import DBTaskResult

from tests import factories
from tests.concurrency import run_in_threads
from walletdesk.inbox.adapters.email.parse import external_id_of
from walletdesk.inbox.models import InboundRecord
from walletdesk.inbox.services import inbound_accept, intake, records_drain
from walletdesk.tickets.models import Message

FOLLOWUPS = "walletdesk.inbox.tasks.message_followups"


def mail(i: int, *, sender: str = "") -> bytes:
    return (
        f"From: {sender or f'user{i % 7}@mail.example'}\r\nTo: support@walletdesk.localhost\r\n"
        f"Subject: withdrawal {i}\r\nMessage-ID: <drain.{i}@mail.example>\r\n\r\n"
        f"My withdrawal {i} has not arrived.\r\n"
    ).encode()


def store(*raws: bytes) -> list[int]:
    return [
        inbound_accept(channel="email", payload=raw, external_id=external_id_of(raw))[0].id
        for raw in raws
    ]


@pytest.fixture
def tasks_in_database(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)  # real commits: follow-ups are gathered on commit
def test_a_batch_is_processed_once_with_one_follow_up_task(tasks_in_database):
    factories.team()
    store(*(mail(i) for i in range(12)))
    assert records_drain(limit=50) == 12
    assert set(InboundRecord.objects.values_list("state", flat=True)) == {"processed"}
    assert set(InboundRecord.objects.values_list("attempts", flat=True)) == {1}
    inbound = Message.objects.filter(direction="inbound")
    assert inbound.count() == 12
    [task] = DBTaskResult.objects.filter(task_path=FOLLOWUPS)
    assert sorted(task.args_kwargs["args"]) == sorted(inbound.values_list("id", flat=True))
    assert records_drain(limit=50) == 0  # nothing left, nothing done twice
    assert Message.objects.count() == 12


@pytest.mark.django_db(transaction=True)
def test_the_batch_size_bounds_one_drain(tasks_in_database):
    factories.team()
    store(*(mail(i) for i in range(5)))
    assert records_drain(limit=3) == 3
    assert InboundRecord.objects.filter(state="received").count() == 2
    assert records_drain(limit=3) == 2
    assert DBTaskResult.objects.filter(task_path=FOLLOWUPS).count() == 2


@pytest.mark.django_db
def test_a_bad_record_is_quarantined_alone(tasks_in_database, monkeypatch):
    factories.team()
    real = intake._stored  # every stored message passes here, batched or alone

    def picky(inbound, *args, **kwargs):
        if inbound.external_id == "drain.2@mail.example":
            raise RuntimeError("a bug met this message")
        if inbound.external_id == "drain.4@mail.example":
            raise ValueError("no such customer")
        return real(inbound, *args, **kwargs)

    monkeypatch.setattr(intake, "_stored", picky)
    store(*(mail(i) for i in range(6)), b"\xff\xfe not a mail at all")
    assert records_drain(limit=50) == 7
    states = dict(InboundRecord.objects.values_list("external_id", "state"))
    reasons = dict(InboundRecord.objects.values_list("external_id", "reason"))
    assert states.pop("drain.2@mail.example") == "quarantined"
    assert reasons["drain.2@mail.example"] == "failed: RuntimeError: a bug met this message"
    assert states.pop("drain.4@mail.example") == "quarantined"
    assert reasons["drain.4@mail.example"] == "rejected: no such customer"
    assert reasons.pop(next(k for k in states if k.startswith("sha256:"))).startswith(
        "unparsable: "
    )
    assert sorted(states.values()).count("processed") == 4
    assert Message.objects.filter(direction="inbound").count() == 4


@pytest.mark.django_db
def test_a_database_error_leaves_the_record_for_the_next_drain(tasks_in_database, monkeypatch):
    factories.team()
    real = intake._customer  # every message passes here, batched or alone
    failing = {"on": True}

    def flaky(*args, **kwargs):
        if failing["on"]:
            raise OperationalError("server closed the connection unexpectedly")
        return real(*args, **kwargs)

    store(mail(1))
    monkeypatch.setattr(intake, "_customer", flaky)
    with pytest.raises(OperationalError):
        records_drain(limit=50)
    record = InboundRecord.objects.get()
    assert (record.state, record.attempts) == ("received", 0)
    failing["on"] = False
    assert records_drain(limit=50) == 1
    record.refresh_from_db()
    assert (record.state, record.attempts) == ("processed", 1)
    assert Message.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_drains_at_once_share_no_record(on_postgres, tasks_in_database):
    factories.team()
    count = 120
    store(*(mail(i, sender=f"solo{i}@mail.example") for i in range(count)))
    claimed: list[int] = []

    def drain() -> None:
        while n := records_drain(limit=10):
            claimed.append(n)

    assert run_in_threads(drain) == []
    assert sum(claimed) == count  # no record claimed twice
    assert set(InboundRecord.objects.values_list("attempts", flat=True)) == {1}
    inbound = Message.objects.filter(direction="inbound")
    assert inbound.count() == count == inbound.values("external_id").distinct().count()


@pytest.mark.django_db
def test_large_payloads_are_read_one_at_a_time_and_processed(tasks_in_database):
    factories.team()
    big = mail(1).replace(b"has not arrived.", b"has not arrived. " + b"x" * 300_000)
    store(big, mail(2))
    assert records_drain(limit=50) == 2
    assert set(InboundRecord.objects.values_list("state", flat=True)) == {"processed"}
    body = Message.objects.get(external_id="drain.1@mail.example").body_text
    assert body.endswith("x" * 1000)
