"""Telegram updates through the webhook and processing: updates/s and p50/p99.

Starts `walletdesk serve --no-worker` and `--task-workers` separate `walletdesk worker`
processes on a fresh database, a local fake Bot API (getFile and sendMessage), then POSTs
`--updates` real-shaped updates (90 % private text from 500 users, 5 % photos, 5 % callback
queries that are stored and ignored) to /inbox/telegram/bench/ from a thread pool. Reports the
webhook's acknowledgement rate and latency, then waits until every update is processed and
reports the end-to-end rate and the store-to-processed latency.

    .venv/bin/python bench/inbox_telegram.py --database sqlite
    .venv/bin/python bench/inbox_telegram.py --database postgres   # BENCH_DATABASE_URL

`--in-process` measures the same two steps without servers, queues or HTTP: the webhook view
through Django's test client, then the worker's intake drain (`records_drain`, batches of
INBOX_DRAIN_BATCH) until every stored record is processed (the cost of our code and the intake
path per update, without HTTP and other processes).
"""

import argparse
import json
import logging
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from _common import (
    DEFAULT_PG,
    ROOT,
    minimal_desk,
    percentiles,
    use_database,
    wait_until_serving,
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


def processing_latencies() -> list[float]:
    from walletdesk.inbox.models import InboundRecord

    rows = InboundRecord.objects.filter(
        channel="telegram", processed_at__isnull=False, external_id__startswith="bench:9"
    )
    return [
        (r.processed_at - r.received_at).total_seconds() * 1000
        for r in rows.only("processed_at", "received_at")
    ]


def start(env: dict, task_workers: int) -> list[subprocess.Popen]:
    walletdesk = str(ROOT / ".venv/bin/walletdesk")
    serve = [walletdesk, "serve", "--port", str(PORT), "--no-worker"]
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
    parser.add_argument("--users", type=int, default=USERS, help="distinct Telegram users")
    parser.add_argument("--in-process", action="store_true", help="no servers: view + process")
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
    if args.in_process:
        os.environ["TASKS_BACKEND"] = "django.tasks.backends.dummy.DummyBackend"
    url = use_database(database_url(args.database))
    minimal_desk()
    if args.in_process:
        in_process(args)
        fake.stop()
        return
    procs = start({**os.environ, "DATABASE_URL": url}, args.task_workers)
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


def in_process(args: argparse.Namespace) -> None:
    from django.test import Client

    from walletdesk.inbox.models import InboundRecord
    from walletdesk.inbox.services import records_drain

    client = Client()
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}

    def post(i: int) -> float:
        t0 = time.perf_counter()
        body = update(i, 900_000_000 + i)
        r = client.post("/inbox/telegram/bench/", body, "application/json", headers=headers)
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

    warm = [post(-1 - i) for i in range(40)]
    drain()
    del warm
    t0 = time.perf_counter()
    posted = [post(i) for i in range(args.updates)]
    t1 = time.perf_counter()
    processed = drain()
    t2 = time.perf_counter()
    assert not InboundRecord.objects.filter(state="received").exists()
    print(f"{args.database}, in process: {args.updates} updates from {args.users} users")
    print(f"  webhook view: {args.updates / (t1 - t0):,.0f} updates/s; {percentiles(posted)}")
    print(f"  processing:   {len(processed) / (t2 - t1):,.0f} updates/s; per update in its batch")
    print(f"                {percentiles(processed)}")
    print(f"  both, one after the other: {args.updates / (t2 - t0):,.0f} updates/s")


def report(client: httpx.Client, args: argparse.Namespace, fake: FakeBotApi) -> None:
    warm = 40  # imports, connections and the users' first tickets are not what we measure
    post_all(client, warm, 4, 800_000_000)
    wait_processed(warm, timeout=300)
    started = time.perf_counter()
    timings = post_all(client, args.updates, args.concurrency, 900_000_000)
    acked = time.perf_counter()
    done = wait_processed(warm + args.updates, timeout=args.updates)
    from django.db.models import Count

    from walletdesk.inbox.models import InboundRecord
    from walletdesk.tickets.models import Message

    states = dict(InboundRecord.objects.values_list("state").annotate(n=Count("id")))
    print(
        f"{args.database}: {args.updates} updates from {args.users} users, concurrency "
        f"{args.concurrency}, {args.task_workers} task workers (after {warm} warm-up updates)"
    )
    print(
        f"  webhook ack:  {args.updates / (acked - started):,.0f} updates/s; {percentiles(timings)}"
    )
    print(
        f"  end to end:   {args.updates / (done - started):,.0f} updates/s (stored and processed)"
    )
    print(f"  store→processed: {percentiles(processing_latencies())}")
    messages = Message.objects.filter(channel="telegram").count()
    downloads = sum(1 for method, _ in fake.calls if method == "getFile")
    print(f"  records {states}; telegram messages {messages}; getFile calls {downloads}")


if __name__ == "__main__":
    sys.exit(main())
