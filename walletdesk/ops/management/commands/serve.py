import logging

from django.conf import settings
from django.core.management.base import BaseCommand

from walletdesk.core.conf import desk_setting
from walletdesk.ops.worker import start_embedded

logger = logging.getLogger("walletdesk.ops")


def cache_not_shared(*, web_processes: int) -> str:
    """A warning when web chat rate limits and console presence would be counted per process:
    a local-memory cache with several web processes (or with the Redis channel layer, the sign
    of an install on several machines). "" when the cache is shared or one process serves."""
    if "locmem" not in settings.CACHES["default"]["BACKEND"].lower():
        return ""
    if web_processes <= 1 and not settings.CHANNEL_REDIS_URL:
        return ""
    return (
        "Django's cache is local memory but several web processes serve: web chat rate limits "
        "and console presence are counted per process. Set CACHE_REDIS_URL (see .env.example)."
    )


class Command(BaseCommand):
    help = "Serve Walletdesk: HTTP and websockets with uvicorn, or HTTP only with granian."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=1, help="web processes")
        parser.add_argument(
            "--no-worker", action="store_true", help="do not run the embedded worker"
        )
        parser.add_argument(
            "--wsgi",
            action="store_true",
            help="HTTP only, granian with threads: for API/page processes behind a proxy that "
            "sends /ws/ to ASGI processes (the console falls back to polling without them)",
        )
        parser.add_argument("--threads", type=int, default=8, help="threads per --wsgi process")

    def handle(self, *args, host, port, workers, no_worker, wsgi, threads, **options):
        embedded = desk_setting("EMBEDDED_WORKER") and not no_worker and workers == 1
        if warning := cache_not_shared(web_processes=workers):
            logger.warning(warning)
        if embedded:
            start_embedded()
        self.stdout.write(
            f"Walletdesk on http://{host}:{port}/ ({workers} {'WSGI' if wsgi else 'ASGI'} "
            f"process(es), {'embedded' if embedded else 'separate'} worker)"
        )
        if wsgi:
            _granian(host, port, workers, threads)
        else:
            _uvicorn(host, port, workers)


def _uvicorn(host: str, port: int, workers: int) -> None:
    import uvicorn

    uvicorn.run(
        "walletdesk.config.asgi:application",
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        access_log=False,
        lifespan="off",
    )


def _granian(host: str, port: int, workers: int, threads: int) -> None:
    """HTTP in Rust, the Django app in `threads` Python threads per process (see
    docs/decisions/0005); a worker that dies is started again."""
    from granian import Granian
    from granian.constants import Interfaces
    from granian.log import LogLevels

    Granian(
        "walletdesk.config.wsgi:application",
        address=host,
        port=port,
        interface=Interfaces.WSGI,
        workers=workers,
        blocking_threads=threads,
        websockets=False,
        log_level=LogLevels.warning,
        respawn_failed_workers=True,
    ).serve()
