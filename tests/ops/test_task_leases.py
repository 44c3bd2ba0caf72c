"""A task left "running" by a worker that died (a database outage cut it off before its result
was written) is queued again once its lease has passed, and then runs once; one that never
finishes is failed after MAX_CLAIMS runs; a task inside its lease is left alone."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from tests import factories
from walletdesk.inbox import tasks
from walletdesk.inbox.models import InboundRecord
from walletdesk.inbox.services import inbound_accept
from walletdesk.ops.leases import MAX_CLAIMS, tasks_stale_sweep
from walletdesk.tickets.models import Message

pytestmark = pytest.mark.django_db(transaction=True)

RAW = (
    b"From: Lin <lin@mail.example>\r\nTo: support@walletdesk.localhost\r\n"
    b"Subject: stuck\r\nMessage-ID: <lease@mail.example>\r\n\r\nhelp\r\n"
)


@pytest.fixture(autouse=True)
def tasks_in_database(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.WALLETDESK = {**settings.WALLETDESK, "TASK_LEASE_SECONDS": 600}


def run_ready_tasks() -> None:
    """A worker that runs every ready task, then exits."""
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def stranded_task(*, started_ago: timedelta, claims: int = 1) -> tuple[DBTaskResult, int]:
    """The intake task of a stored email, claimed by a worker that never finished it."""
    factories.team()
    record, _ = inbound_accept(channel="email", payload=RAW, external_id="lease@mail.example")
    result = tasks.inbound_process.enqueue(record.id)
    DBTaskResult.objects.filter(id=result.id).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - started_ago,
        worker_ids=[f"dead-{n}" for n in range(claims)],
    )
    return DBTaskResult.objects.get(id=result.id), record.id


def test_a_task_past_its_lease_is_queued_again_and_runs_once():
    task, record_id = stranded_task(started_ago=timedelta(hours=2))
    run_ready_tasks()  # a running task is not ready: nothing happens
    assert DBTaskResult.objects.get(id=task.id).status == TaskResultStatus.RUNNING
    assert tasks_stale_sweep() == 1
    assert tasks_stale_sweep() == 0  # a second sweep (or another worker's) changes nothing
    run_ready_tasks()
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert task.worker_ids == ["dead-0", "test-worker"]  # the one new run
    record = InboundRecord.objects.get(id=record_id)
    assert (record.state, record.attempts) == ("processed", 1)
    assert Message.objects.filter(external_id="lease@mail.example").count() == 1


def test_a_task_inside_its_lease_is_left_running():
    task, _record_id = stranded_task(started_ago=timedelta(minutes=5))
    assert tasks_stale_sweep() == 0
    assert DBTaskResult.objects.get(id=task.id).status == TaskResultStatus.RUNNING
    assert tasks_stale_sweep(lease_seconds=60) == 1  # the lease is a setting


def test_a_task_that_never_finishes_fails_after_its_claims():
    task, _record_id = stranded_task(started_ago=timedelta(hours=2), claims=MAX_CLAIMS)
    assert tasks_stale_sweep() == 1
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED
    assert task.exception_class_path == "walletdesk.ops.leases.LeaseExpired"
    run_ready_tasks()
    assert DBTaskResult.objects.get(id=task.id).worker_ids == [
        f"dead-{n}" for n in range(MAX_CLAIMS)
    ]
