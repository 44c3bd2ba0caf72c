"""Helpers shared by the benchmarks: a Django setup against a throwaway database, and stats."""

import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/walletdesk_bench"


def use_database(url: str | None = None, *, fresh: bool = True) -> str:
    """Point Django at a benchmark database (recreated when fresh) and migrate it."""
    url = url or os.environ.get("BENCH_DATABASE_URL", DEFAULT_PG)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "walletdesk.config.settings")
    if fresh and url.startswith("postgres"):
        name = url.rsplit("/", 1)[1]
        admin = url.rsplit("/", 1)[0] + "/postgres"
        subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
        subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return url


def wait_until_serving(client, hint: str = "") -> None:
    """Poll /health until the server under test answers (two minutes at most)."""
    import time

    import httpx

    for _ in range(600):
        try:
            client.get("/health")
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not start within two minutes{hint}")


def percentiles(samples_ms: list[float]) -> str:
    ordered = sorted(samples_ms)
    p = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return (
        f"p50 {statistics.median(ordered):.2f} ms  p99 {p(0.99):.2f} ms  max {ordered[-1]:.2f} ms"
    )


def rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def minimal_desk() -> None:
    """Teams, agents on shift, SLA policies and routing rules: what ticket creation touches."""
    sys.path.insert(0, str(ROOT))
    from walletdesk.ops import demo

    teams = demo.setup_desk()
    demo.create_agents(teams)
