"""The worker: drains stored inbound payloads, runs queued tasks (django-tasks-db) and the
periodic sweeps.

Sweeps and the intake drain claim their rows with SKIP LOCKED (or advisory locks), so any
number of workers can run side by side.
"""

import logging
import threading
import time
import uuid

from django.conf import settings
from django.db import DatabaseError, close_old_connections
from django_tasks_db.management.commands.db_worker import Worker

from walletdesk.assistant.sweeps import abandoned_sweep
from walletdesk.console.services import flow_rollup
from walletdesk.core.conf import desk_setting
from walletdesk.inbox.adapters.telegram.spool import spool_drain
from walletdesk.inbox.services import delivery_sweep, records_drain, records_pending_sweep
from walletdesk.inbox.services.processing import drain_wait
from walletdesk.ops.leases import tasks_stale_sweep
from walletdesk.tickets.services import automation_sweep, queue_pickup_sweep, sla_sweep

logger = logging.getLogger(__name__)


def sweep_once() -> dict[str, object]:
    sla = sla_sweep()
    return {
        "sla": {"tickets": sla.tickets, "warnings": sla.warnings, "breaches": sla.breaches},
        "automation": automation_sweep(),
        "assigned": queue_pickup_sweep(),
        # Outbox deliveries whose task was lost, and stored inbound payloads never processed.
        "deliveries": delivery_sweep(),
        "inbound": records_pending_sweep(),
        "assistant_abandoned": abandoned_sweep(),  # conversations the customer left
        # Tasks left running by a worker that died, and Telegram updates spooled to disk.
        "tasks_requeued": tasks_stale_sweep(),
        "telegram_spooled": spool_drain(),
        "flow_hours": flow_rollup(),  # created / resolved per hour for the supervisor view
    }


class Sweeper(threading.Thread):
    def __init__(self, interval: float) -> None:
        super().__init__(name="walletdesk-sweeper", daemon=True)
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            close_old_connections()
            try:
                done = sweep_once()
                if done["sla"]["tickets"] or any(v for k, v in done.items() if k != "sla"):  # type: ignore[index]
                    logger.info("sweep: %s", done)
            except Exception:
                logger.exception("sweep failed; retrying in %ss", self.interval)
            finally:
                close_old_connections()
            self.stopped.wait(self.interval)

    def stop(self) -> None:
        self.stopped.set()


class IntakeDrainer(threading.Thread):
    """Processes stored inbound payloads in batches (`records_drain`): no task per payload.
    Waits `poll` seconds when nothing is left (a store in this process wakes it at once), and
    backs off while the database is unavailable."""

    def __init__(self, poll: float) -> None:
        super().__init__(name="walletdesk-intake", daemon=True)
        self.poll = poll
        self.stopped = threading.Event()

    def run(self) -> None:
        pause = 1.0
        while not self.stopped.is_set():
            close_old_connections()
            try:
                full = records_drain() >= int(settings.INBOX["DRAIN_BATCH"])
                pause = 1.0
            except DatabaseError:
                logger.warning("intake drain: database unavailable, retrying in %.0fs", pause)
                self._rest(pause)
                pause = min(pause * 2, 10.0)
                continue
            except Exception:
                logger.exception("intake drain failed; retrying in %ss", self.poll)
                full = False
            if not full:
                drain_wait(self.poll)

    def _rest(self, seconds: float) -> None:
        close_old_connections()
        self.stopped.wait(seconds)

    def stop(self) -> None:
        self.stopped.set()


def intake_drainer() -> IntakeDrainer:
    return IntakeDrainer(int(settings.INBOX["DRAIN_POLL_MS"]) / 1000)


class ResilientWorker(Worker):
    """django-tasks-db's worker leaves its loop on any database error; during an outage this
    one waits and resumes (the tasks and the stored inbound records are in the database)."""

    def run(self) -> None:
        pause = 1.0
        while self.running:
            try:
                super().run()
                return
            except DatabaseError:
                logger.warning("task worker: database unavailable, retrying in %.0fs", pause)
                close_old_connections()
                time.sleep(pause)
                pause = min(pause * 2, 10.0)


def task_worker(worker_id: str | None = None) -> Worker:
    return ResilientWorker(
        queue_names=["*"],
        interval=1.0,
        batch=False,
        backend_name="default",
        startup_delay=True,
        max_tasks=None,
        worker_id=worker_id or f"wd-{uuid.uuid4().hex[:8]}",
        excluded_queue_names=[],
    )


def start_embedded() -> tuple[Sweeper, Worker, threading.Thread]:
    """Sweeps, the intake drain and tasks in background threads of the web process (the
    one-machine default)."""
    sweeper = Sweeper(desk_setting("WORKER_SWEEP_SECONDS"))
    sweeper.start()
    intake_drainer().start()
    worker = task_worker("embedded")
    thread = threading.Thread(target=worker.run, name="walletdesk-tasks", daemon=True)
    thread.start()
    return sweeper, worker, thread
