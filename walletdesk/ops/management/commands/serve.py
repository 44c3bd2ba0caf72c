import uvicorn
from django.conf import settings
from django.core.management.base import BaseCommand

from walletdesk.ops.worker import start_embedded


class Command(BaseCommand):
    help = "Serve Walletdesk (HTTP and websockets) with uvicorn."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=1, help="web processes")
        parser.add_argument(
            "--no-worker", action="store_true", help="do not run the embedded worker"
        )

    def handle(self, *args, host: str, port: int, workers: int, no_worker: bool, **options):
        embedded = settings.WALLETDESK["EMBEDDED_WORKER"] and not no_worker and workers == 1
        if embedded:
            start_embedded()
        self.stdout.write(
            f"Walletdesk on http://{host}:{port}/ ({workers} web process(es), "
            f"{'embedded' if embedded else 'separate'} worker)"
        )
        uvicorn.run(
            "walletdesk.config.asgi:application",
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
            access_log=False,
            lifespan="off",
        )
