"""Tasks left `RUNNING` by a worker that died (killed, or cut off by a database outage while it
ran one: its result was never written) are run again once their lease has passed.

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again. The
sweep puts such a task back to READY when it has run longer than WALLETDESK_TASK_LEASE_SECONDS
(our tasks take ids, re-read their rows and are safe to run twice); one claimed
`MAX_CLAIMS` times without finishing is marked FAILED instead, so a task that kills its worker
is not retried forever. Each row changes only if it is still the run the sweep saw, so two
sweeps at once re-queue it once.
"""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from walletdesk.core.conf import desk_setting

logger = logging.getLogger(__name__)
MAX_CLAIMS = 5
BATCH = 500


class LeaseExpired(Exception):
    """Recorded on a task that never finished in MAX_CLAIMS runs."""


def tasks_stale_sweep(*, lease_seconds: int | None = None) -> int:
    """Re-queue (or, past MAX_CLAIMS, fail) tasks running longer than the lease. Returns how
    many it changed."""
    if lease_seconds is None:
        lease_seconds = int(desk_setting("TASK_LEASE_SECONDS"))
    cutoff = timezone.now() - timedelta(seconds=lease_seconds)
    stale = DBTaskResult.objects.running().filter(started_at__lt=cutoff).order_by("started_at")
    changed = 0
    for task in stale.only("id", "started_at", "worker_ids", "task_path")[:BATCH]:
        same_run = DBTaskResult.objects.filter(
            id=task.id, status=TaskResultStatus.RUNNING, started_at=task.started_at
        )
        if len(task.worker_ids) >= MAX_CLAIMS:
            changed += same_run.update(
                status=TaskResultStatus.FAILED,
                finished_at=timezone.now(),
                exception_class_path=f"{__name__}.LeaseExpired",
                traceback=f"LeaseExpired: claimed {len(task.worker_ids)} times without finishing",
            )
            logger.error("task %s (%s) failed: its lease expired", task.id, task.task_path)
            continue
        changed += same_run.update(status=TaskResultStatus.READY)
        logger.warning("task %s (%s) re-queued: its lease expired", task.id, task.task_path)
    return changed
