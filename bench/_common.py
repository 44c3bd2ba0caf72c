"""Helpers shared by the benchmarks: a Django setup against a throwaway database, and stats."""

import os
import re
import resource
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


def cpu_with_backend() -> tuple[float, float]:
    """CPU seconds of this process and of its PostgreSQL backend (0 on SQLite; a connection
    reopened meanwhile is not counted)."""
    from django.db import connection

    backend = 0.0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend = process_cpu(cursor.fetchone()[0])
    return own_cpu(), backend


def cpu_with_backends() -> tuple[float, float]:
    """CPU seconds of this process and of every PostgreSQL client backend of its database: a
    connection pool may hand a thread another connection than the one that did the work."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_type = 'client backend'"
        )
        pids = [row[0] for row in cursor.fetchall()]
    return own_cpu(), sum(process_cpu(pid) for pid in pids)


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of a process on this machine, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().split(")")[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wrk_summary(stdout: str) -> dict[str, int]:
    """The `WRK key=value ...` line of bench/wrk/*.lua's done(); exits unless every response
    was a 2xx and no socket failed."""
    found = re.search(r"^WRK (.*)$", stdout, re.M)
    if found is None:
        raise SystemExit(f"wrk printed no summary:\n{stdout}")
    summary = {k: int(v) for k, v in (kv.split("=") for kv in found.group(1).split())}
    if summary["non2xx"] or summary["errors"]:
        raise SystemExit(
            f"{summary['non2xx']} non-2xx responses and {summary['errors']} socket errors"
        )
    return summary
