"""Ticket creation through the HTTP API: requests/s and p50/p99 at several concurrencies.

Starts `walletdesk serve --workers 2` on PostgreSQL (BENCH_DATABASE_URL overrides) and sends
POST /api/v1/tickets from this machine: with wrk (bench/wrk/create_ticket.lua) when it is on
the PATH, so the load generator costs little of the two cores, else from a Python thread pool.

    .venv/bin/python bench/api_create.py [--requests 600] [--concurrency 1 8 32] [--server wsgi]
        [--client wrk|httpx] [--seconds 15]
"""

import argparse
import logging
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
from _common import ROOT, minimal_desk, percentiles, use_database, wait_until_serving, wrk_summary

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


def run_wrk(key: str, concurrency: int, seconds: int, tag: str) -> None:
    """One fixed-duration wrk run; every response must be 201 (wrk counts the others)."""
    out = subprocess.run(
        [
            "wrk",
            f"-t{min(concurrency, 2)}",
            f"-c{concurrency}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "-s",
            str(ROOT / "bench/wrk/create_ticket.lua"),
            f"http://127.0.0.1:{PORT}",
        ],
        env={**os.environ, "BENCH_API_KEY": key, "BENCH_RUN": tag},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    f = wrk_summary(out)
    rate = f["requests"] / (f["duration_us"] / 1e6)
    print(
        f"concurrency {concurrency:>2}: {f['requests']} tickets in {seconds}s, "
        f"{rate:,.0f} tickets/s; "
        f"p50 {f['p50_us'] / 1000:.2f} ms  p99 {f['p99_us'] / 1000:.2f} ms  "
        f"max {f['max_us'] / 1000:.2f} ms  (wrk)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--server", choices=["asgi", "wsgi"], default="asgi")
    parser.add_argument("--client", choices=["wrk", "httpx"], default=None)
    parser.add_argument("--seconds", type=int, default=15, help="per concurrency, with wrk")
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
            wait_until_serving(client)
            run(client, key, 4, 100, 10**6)  # warm-up: both processes import and connect
            use_wrk = args.client == "wrk" or (args.client is None and shutil.which("wrk"))
            for n, concurrency in enumerate(args.concurrency):
                if use_wrk:
                    run_wrk(key, concurrency, args.seconds, f"c{concurrency}")
                else:
                    run(client, key, concurrency, args.requests, n * args.requests)
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    sys.exit(main())
