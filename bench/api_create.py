"""Ticket creation through the HTTP API: requests/s and p50/p99 at several concurrencies.

Starts `walletdesk serve --workers 2` on PostgreSQL (BENCH_DATABASE_URL overrides) and sends
POST /api/v1/tickets from a thread pool on this machine.

    .venv/bin/python bench/api_create.py [--requests 600] [--concurrency 1 8 32]
"""

import argparse
import logging
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
from _common import ROOT, minimal_desk, percentiles, use_database

PORT = 8765


def payload(i: int) -> dict:
    return {
        "customer": {"app_user_id": f"bench-{i % 500}", "language": "zh-hans" if i % 2 else "en"},
        "subject": "USDT 没到账",
        "body": f"转了 {i} USDT 到交易所，两个小时还没到账",
        "intent": "transfer_not_received",
        "chain": "tron",
    }


def run(client: httpx.Client, key: str, concurrency: int, count: int, offset: int) -> None:
    def one(i: int) -> float:
        t0 = time.perf_counter()
        r = client.post(
            "/api/v1/tickets",
            json=payload(offset + i),
            headers={"Authorization": f"Bearer {key}", "Idempotency-Key": f"b{offset + i}"},
        )
        if r.status_code != 201:
            raise SystemExit(f"unexpected {r.status_code}: {r.text[:200]}")
        return (time.perf_counter() - t0) * 1000

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        timings = list(pool.map(one, range(count)))
    elapsed = time.perf_counter() - started
    print(
        f"concurrency {concurrency:>2}: {count} tickets, {count / elapsed:,.0f} tickets/s; "
        f"{percentiles(timings)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--server", choices=["asgi", "wsgi"], default="asgi")
    args = parser.parse_args()
    logging.getLogger("httpx").setLevel(logging.WARNING)
    url = use_database()
    minimal_desk()
    from walletdesk.api.services import api_client_create

    _client, key = api_client_create(name="bench", scopes=["tickets:write"])
    env = {**os.environ, "DATABASE_URL": url, "WALLETDESK_LOG_LEVEL": "WARNING"}
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/walletdesk"),
            "serve",
            "--port",
            str(PORT),
            "--workers",
            "2",
            "--no-worker",
            *(["--wsgi"] if args.server == "wsgi" else []),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    try:
        with httpx.Client(
            base_url=f"http://127.0.0.1:{PORT}", timeout=30, limits=httpx.Limits(max_connections=64)
        ) as client:
            for _ in range(600):
                try:
                    client.get("/health")
                    break
                except httpx.TransportError:
                    time.sleep(0.2)
            else:
                raise SystemExit("the server did not start within two minutes")
            run(client, key, 4, 100, 10**6)  # warm-up: both processes import and connect
            for n, concurrency in enumerate(args.concurrency):
                run(client, key, concurrency, args.requests, n * args.requests)
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    sys.exit(main())
