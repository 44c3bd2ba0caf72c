"""Telegram updates through the webhook and processing: updates/s and p50/p99.

Starts `walletdesk serve --no-worker` and `--task-workers` separate `walletdesk worker`
processes on a fresh database, a local fake Bot API (getFile and sendMessage), then POSTs
`--updates` real-shaped updates (90 % private text from `--users` users, 5 % photos, 5 %
callback queries that are stored and ignored) to /inbox/telegram/bench/ from a thread pool.
Reports the webhook's acknowledgement rate and latency, then waits until every update is
processed (end to end, and the store-to-processed latency), then until no task is left (the
assistant's follow-ups and the sends of its replies: "with follow-ups").

With wrk on the PATH (or `--client wrk`) the updates are posted by wrk for `--seconds` from a
pool of 4 x `--updates` bodies, so the load generator costs little of the two cores; the
figures then count what it sent. `--client httpx` posts exactly `--updates` from threads.

    .venv/bin/python bench/inbox_telegram.py --database sqlite
    .venv/bin/python bench/inbox_telegram.py --database postgres   # BENCH_DATABASE_URL

`--in-process` measures the same steps without servers or HTTP: the webhook view through
Django's test client, then the worker's intake drain (`records_drain`, batches of
INBOX_DRAIN_BATCH) until every stored record is processed, then the queued tasks (the
assistant's follow-ups and the sends of its replies), each with its CPU time per update (this
process, the fake Bot API's thread included, and its PostgreSQL backend): the cost of our code
per update, without HTTP and other processes.
"""

import argparse
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from _common import (
    DEFAULT_PG,
    ROOT,
    cpu_with_backend,
    minimal_desk,
    percentiles,
    use_database,
    wait_until_serving,
    wrk_summary,
)

sys.path.insert(0, str(ROOT))
from tests.inbox_telegram.fake_bot_api import FakeBotApi

PORT = 8766
TOKEN = "424242:bench-token-not-secret"
SECRET = "bench-webhook-secret"
SQLITE_PATH = Path("/tmp/wd_tg_bench.sqlite3")
LOG = "/tmp/wd_tg_bench_server.log"
PAYLOADS = ROOT / "tests" / "inbox_telegram" / "payloads"


USERS = 100


def update(i: int, update_id: int) -> bytes:
    if i % 20 == 7:
        data = json.loads((PAYLOADS / "callback_query.json").read_text())
    elif i % 20 == 13:
        data = json.loads((PAYLOADS / "photo.json").read_text())
    else:
        data = json.loads((PAYLOADS / "private_text.json").read_text())
        data["message"]["text"] = f"转账 {i} USDT 两个小时还没到账 / transfer {i} not arrived"
    message = data.get("message")
    if message:
        user = 7_000_000_000 + i % USERS
        message["from"]["id"] = message["chat"]["id"] = user
        message["message_id"] = i
    data["update_id"] = update_id
    return json.dumps(data, ensure_ascii=False).encode()


def post_all(client: httpx.Client, count: int, concurrency: int, first_id: int) -> list[float]:
    def one(i: int) -> float:
        t0 = time.perf_counter()
        r = client.post(
            "/inbox/telegram/bench/",
            content=update(i, first_id + i),
            headers={
                "Content-Type": "application/json",
                "X-Telegram-Bot-Api-Secret-Token": SECRET,
            },
        )
        if r.status_code != 200:
            raise SystemExit(f"unexpected {r.status_code}: {r.text[:200]}")
        return (time.perf_counter() - t0) * 1000

    with ThreadPoolExecutor(concurrency) as pool:
        return list(pool.map(one, range(count)))


def post_with_wrk(count: int, concurrency: int, first_id: int, seconds: int) -> tuple[str, float]:
    """Updates posted by wrk (bench/wrk/telegram_updates.lua) for `seconds` from a pool of
    `count`: its latency summary and the time the last acknowledgement came."""
    bodies = Path("/tmp/wd_tg_bench_bodies.jsonl")
    bodies.write_bytes(b"\n".join(update(i, first_id + i) for i in range(count)) + b"\n")
    threads = min(2, concurrency)
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{concurrency}",
            f"-d{seconds}s",
            "--timeout",
            "60s",
            "-s",
            str(ROOT / "bench/wrk/telegram_updates.lua"),
            f"http://127.0.0.1:{PORT}",
        ],
        env={
            **os.environ,
            "BENCH_BODIES": str(bodies),
            "BENCH_THREADS": str(threads),
            "BENCH_SECRET": SECRET,
        },
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    acked = time.perf_counter()
    f = wrk_summary(out)
    if f["requests"] > count:
        raise SystemExit(f"wrk sent {f['requests']} requests for {count} updates: pass more")
    latency = (
        f"p50 {f['p50_us'] / 1000:.2f} ms  p99 {f['p99_us'] / 1000:.2f} ms  "
        f"max {f['max_us'] / 1000:.2f} ms  (wrk)"
    )
    return latency, acked


def stored_since(first_id: int) -> int:
    from walletdesk.inbox.models import InboundRecord

    ids = InboundRecord.objects.filter(channel="telegram").values_list("external_id", flat=True)
    return sum(1 for external in ids if int(external.split(":")[1]) >= first_id)


def wait_processed(total: int, timeout: float) -> float:
    from walletdesk.inbox.models import InboundRecord

    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        left = InboundRecord.objects.filter(channel="telegram", state="received").count()
        stored = InboundRecord.objects.filter(channel="telegram").count()
        if stored >= total and left == 0:
            return time.perf_counter()
        time.sleep(0.2)
    raise SystemExit(f"timed out: {left} of {stored} updates still unprocessed")


def wait_tasks(timeout: float) -> float:
    """Until no task is queued or running: the follow-ups (the assistant) and the sends of its
    replies are part of the path."""
    from django_tasks_db.models import DBTaskResult

    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists():
            return time.perf_counter()
        time.sleep(0.2)
    raise SystemExit("timed out waiting for the follow-up tasks")


def processing_latencies() -> list[float]:
    from walletdesk.inbox.models import InboundRecord

    rows = InboundRecord.objects.filter(
        channel="telegram", processed_at__isnull=False, external_id__startswith="bench:9"
    )
    return [
        (r.processed_at - r.received_at).total_seconds() * 1000
        for r in rows.only("processed_at", "received_at")
    ]


def start(
    env: dict, task_workers: int, web_processes: int, wsgi: bool = False
) -> list[subprocess.Popen]:
    walletdesk = str(ROOT / ".venv/bin/walletdesk")
    serve = [walletdesk, "serve", "--port", str(PORT), "--no-worker", "--workers"]
    serve.append(str(web_processes))
    if wsgi:  # HTTP only (gunicorn threads): no thread pool per request as under ASGI
        serve.append("--wsgi")
    log = open(LOG, "w")  # noqa: SIM115 (closed with the process)
    procs = [subprocess.Popen(serve, env=env, stdout=log, stderr=subprocess.STDOUT)]
    for _ in range(task_workers):
        procs.append(subprocess.Popen([walletdesk, "worker"], env=env, stdout=subprocess.DEVNULL))
    return procs


def database_url(kind: str) -> str:
    if kind == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{SQLITE_PATH}"
    return os.environ.get("BENCH_DATABASE_URL", DEFAULT_PG)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--updates", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--task-workers", type=int, default=2)
    parser.add_argument("--web-processes", type=int, default=1, help="serve --workers")
    parser.add_argument("--wsgi", action="store_true", help="serve --wsgi (gunicorn threads)")
    parser.add_argument("--users", type=int, default=USERS, help="distinct Telegram users")
    parser.add_argument("--in-process", action="store_true", help="no servers: view + process")
    parser.add_argument(
        "--client",
        choices=["wrk", "httpx"],
        default=None,
        help="load generator: wrk when on the PATH (it costs little of the two cores), else httpx",
    )
    parser.add_argument("--seconds", type=int, default=10, help="with wrk: how long it posts")
    args = parser.parse_args()
    globals()["USERS"] = args.users
    logging.getLogger("httpx").setLevel(logging.WARNING)
    fake = FakeBotApi().start()
    env_settings = {
        "TELEGRAM_BOT_NAME": "bench",
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "TELEGRAM_API_BASE": fake.base_url,
        "OUTBOUND_ALLOW_PRIVATE": "1",
        "WALLETDESK_LOG_LEVEL": "WARNING",
    }
    os.environ.update(env_settings)
    url = use_database(database_url(args.database))
    minimal_desk()
    if args.in_process:
        in_process(args)
        fake.stop()
        return
    procs = start(
        {**os.environ, "DATABASE_URL": url}, args.task_workers, args.web_processes, args.wsgi
    )
    try:
        with httpx.Client(
            base_url=f"http://127.0.0.1:{PORT}", timeout=60, limits=httpx.Limits(max_connections=64)
        ) as client:
            wait_until_serving(client, f"; see {LOG}")
            report(client, args, fake)
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(10)
        fake.stop()


def cpu_now() -> float:
    """CPU seconds of this process (the fake Bot API's thread included) and its backend."""
    return sum(cpu_with_backend())


def tasks_run() -> int:
    """Run every queued task (follow-ups: the assistant; then the sends of its replies)."""
    from django_tasks_db.models import DBTaskResult

    from walletdesk.ops.worker import task_worker

    done = 0
    while ready := DBTaskResult.objects.ready().count():
        worker = task_worker("bench")
        worker.max_tasks, worker.startup_delay, worker.interval = ready, False, 0
        worker.run()
        done += ready
    return done


def in_process(args: argparse.Namespace) -> None:
    from django.test import Client

    from walletdesk.inbox.models import InboundRecord
    from walletdesk.inbox.services import records_drain

    client = Client()
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    bodies = {i: update(i, 900_000_000 + i) for i in range(-40, args.updates)}

    def post(i: int) -> float:
        t0 = time.perf_counter()
        r = client.post("/inbox/telegram/bench/", bodies[i], "application/json", headers=headers)
        assert r.status_code == 200, r.content
        return (time.perf_counter() - t0) * 1000

    def drain() -> list[float]:
        """Per-update time of each batch (batch time / its size)."""
        per_update = []
        while True:
            t0 = time.perf_counter()
            if not (n := records_drain()):
                return per_update
            per_update += [(time.perf_counter() - t0) * 1000 / n] * n

    for i in range(-40, 0):
        post(i)
    drain()
    tasks_run()
    n = args.updates
    c0, t0 = cpu_now(), time.perf_counter()
    posted = [post(i) for i in range(n)]
    c1, t1 = cpu_now(), time.perf_counter()
    processed = drain()
    c2, t2 = cpu_now(), time.perf_counter()
    tasks = tasks_run()
    c3, t3 = cpu_now(), time.perf_counter()
    assert not InboundRecord.objects.filter(state="received").exists()
    print(f"{args.database}, in process: {n} updates from {args.users} users")
    print(f"  webhook view: {n / (t1 - t0):,.0f} updates/s; {percentiles(posted)}")
    print(f"  processing:   {len(processed) / (t2 - t1):,.0f} updates/s; per update in its batch")
    print(f"                {percentiles(processed)}")
    print(f"  both, one after the other: {n / (t2 - t0):,.0f} updates/s")
    print(f"  follow-up tasks: {tasks} in {t3 - t2:.1f} s (assistant, its replies' sends)")
    print(
        f"  CPU per update (ours and PostgreSQL's): webhook view {1000 * (c1 - c0) / n:.2f} ms, "
        f"processing {1000 * (c2 - c1) / n:.2f} ms, tasks {1000 * (c3 - c2) / n:.2f} ms; "
        f"load {os.getloadavg()[0]:.1f}"
    )


def report(client: httpx.Client, args: argparse.Namespace, fake: FakeBotApi) -> None:
    warm = 40  # imports, connections and the users' first tickets are not what we measure
    post_all(client, warm, 4, 800_000_000)
    wait_processed(warm, timeout=300)
    started = time.perf_counter()
    if args.client == "wrk" or (args.client is None and shutil.which("wrk")):
        pool = args.updates * 4
        latency, acked = post_with_wrk(pool, args.concurrency, 900_000_000, args.seconds)
        args.updates = stored_since(900_000_000)  # what the run sent, each stored once
    else:
        latency = percentiles(post_all(client, args.updates, args.concurrency, 900_000_000))
        acked = time.perf_counter()
    done = wait_processed(warm + args.updates, timeout=args.updates)
    answered = wait_tasks(timeout=args.updates * 2)
    from django.db.models import Count

    from walletdesk.inbox.models import InboundRecord
    from walletdesk.tickets.models import Message

    states = dict(InboundRecord.objects.values_list("state").annotate(n=Count("id")))
    print(
        f"{args.database}: {args.updates} updates from {args.users} users, concurrency "
        f"{args.concurrency}, {args.task_workers} task workers (after {warm} warm-up updates)"
    )
    print(f"  webhook ack:  {args.updates / (acked - started):,.0f} updates/s; {latency}")
    print(
        f"  end to end:   {args.updates / (done - started):,.0f} updates/s (stored and processed)"
    )
    print(
        f"  with follow-ups: {args.updates / (answered - started):,.0f} updates/s (the "
        "assistant's answers too, and their sends: no task left)"
    )
    print(f"  store→processed: {percentiles(processing_latencies())}")
    messages = Message.objects.filter(channel="telegram").count()
    downloads = sum(1 for method, _ in fake.calls if method == "getFile")
    print(f"  records {states}; telegram messages {messages}; getFile calls {downloads}")


if __name__ == "__main__":
    sys.exit(main())
