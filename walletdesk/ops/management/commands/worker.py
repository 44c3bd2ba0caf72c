from django.core.management.base import BaseCommand

from walletdesk.core.conf import desk_setting
from walletdesk.core.runtime import gc_freeze_startup
from walletdesk.ops.worker import Sweeper, intake_drainer, sweep_once, task_worker


class Command(BaseCommand):
    help = (
        "Process stored inbound payloads, run queued tasks and the SLA / automation / queue "
        "sweeps (run as many as you need)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="one sweep, print what it did, exit"
        )
        parser.add_argument("--sweep-seconds", type=float, default=None)

    def handle(self, *args, once: bool, sweep_seconds: float | None, **options):
        if once:
            self.stdout.write(str(sweep_once()))
            return
        gc_freeze_startup()
        sweeper = Sweeper(sweep_seconds or desk_setting("WORKER_SWEEP_SECONDS"))
        sweeper.start()
        drainer = intake_drainer()
        drainer.start()
        self.stdout.write(
            f"worker running: sweeps every {sweeper.interval}s, inbound drain, tasks from all "
            "queues"
        )
        worker = task_worker()
        worker.configure_signals()
        try:
            worker.run()
        finally:
            sweeper.stop()
            drainer.stop()
