"""Inbound email through the whole intake path: store the raw message (redacted, hashed),
parse, deduplicate, resolve the customer, thread or open a ticket, attachments, events.

A mix shaped like a support mailbox: 60 % new requests from 300 senders in Chinese and
English, 40 % replies threaded by In-Reply-To, some with attachments, some automated.
Each process works through its share of the messages sequentially.

    .venv/bin/python bench/inbox_email.py [--messages 2000] [--processes 1 2 4]
    BENCH_DATABASE_URL=sqlite:////tmp/wd_bench_inbox.sqlite3 .venv/bin/python bench/inbox_email.py
"""

import argparse
import base64
import multiprocessing
import os
import sys
import time
from pathlib import Path

from _common import ROOT, minimal_desk, percentiles, use_database

PDF = b"%PDF-1.4\n" + b"0" * 20_000 + b"\n%%EOF\n"


def origin_of(i: int) -> int:
    """The message a reply answers (itself for a new request)."""
    while i % 5 in (2, 4) and i >= 5:
        i -= 5
    return i


def message(i: int, run: int) -> bytes:
    """The i-th message of a run; replies answer the message five before them, same sender."""
    reply = i % 5 in (2, 4) and i >= 5
    origin = origin_of(i)
    sender = f"user{origin % 300}@mail{origin % 7}.example"
    headers = [
        f"From: Customer {origin % 300} <{sender}>",
        "To: support@walletdesk.localhost",
        f"Message-ID: <r{run}.m{i}@mail.example>",
        "Date: Fri, 20 Nov 2026 09:14:03 +0800",
        "MIME-Version: 1.0",
    ]
    if reply:
        headers += [f"In-Reply-To: <r{run}.m{origin}@mail.example>", "Subject: Re: 提币未到账"]
        text = (
            f"还是没有到账，交易哈希在上一封邮件里。第 {i} 封。\n\n在 2026年11月19日 写道：\n> 旧\n"
        )
    else:
        headers.append(
            "Subject: =?utf-8?B?" + base64.b64encode(f"提币未到账 {i}".encode()).decode() + "?="
        )
        text = f"我从交易所提了 {i} USDT 到钱包，三个小时还没到账，请帮忙查一下。\nThanks.\n"
    if i % 50 == 7:
        headers.append("Auto-Submitted: auto-replied")
    body = base64.b64encode(text.encode()).decode()
    if i % 10 == 3:
        parts = [
            'Content-Type: multipart/mixed; boundary="b"',
            "",
            "--b",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
            body,
            "--b",
            'Content-Type: application/pdf; name="statement.pdf"',
            "Content-Transfer-Encoding: base64",
            "",
            base64.encodebytes(PDF).decode(),
            "--b--",
            "",
        ]
    else:
        parts = ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64"]
        parts += ["", body, ""]
    return "\r\n".join([*headers, *parts]).encode()


def work(url: str, indexes: list[int], run: int, queue) -> None:  # type: ignore[no-untyped-def]
    use_database(url, fresh=False)
    from walletdesk.inbox.adapters.email.parse import external_id_of
    from walletdesk.inbox.services import inbound_accept, record_process

    timings, stored = [], []
    for i in indexes:
        raw = message(i, run)
        t0 = time.perf_counter()
        record, _ = inbound_accept(channel="email", payload=raw, external_id=external_id_of(raw))
        t1 = time.perf_counter()
        record_process(record_id=record.id, payload=raw, record=record)
        timings.append((time.perf_counter() - t0) * 1000)
        stored.append((t1 - t0) * 1000)
    queue.put((timings[1:], stored[1:]))  # the first message loads the redactor's word lists


def parse_only(count: int) -> None:
    """The adapter's own work (redact the raw message, parse it), no database."""
    from walletdesk.inbox.adapters.email import parse, redact_raw

    raws = [message(i, 0) for i in range(count)]
    parse(redact_raw(raws[0])[0])  # warm-up: the redactor loads its word lists once
    started = time.perf_counter()
    for raw in raws:
        redact_raw(raw)
        parse(raw)
    elapsed = time.perf_counter() - started
    print(f"redact + parse only: {count / elapsed:,.0f} messages/s")


def run(url: str, processes: int, count: int, run_id: int) -> None:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    # Each sender's messages go to one process, in order, so replies follow their original.
    shares = [
        [i for i in range(count) if origin_of(i) % 300 % processes == p] for p in range(processes)
    ]
    workers = [ctx.Process(target=work, args=(url, s, run_id, queue)) for s in shares]
    started = time.perf_counter()
    for w in workers:
        w.start()
    results = [queue.get() for _ in workers]
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - started
    timings = [t for r in results for t in r[0]]
    stored = [t for r in results for t in r[1]]
    print(
        f"processes {processes}: {count} messages, {count / elapsed:,.0f} messages/s "
        f"(incl. process start); {percentiles(timings)}; storing alone {percentiles(stored)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", "")
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    url = use_database(url or None)
    os.environ["WALLETDESK_LOG_LEVEL"] = "WARNING"
    minimal_desk()
    from django.db import connections

    connections.close_all()
    print(f"database: {url.split('@')[-1]}")
    parse_only(min(args.messages, 1000))
    for run_id, processes in enumerate(args.processes):
        run(url, processes, args.messages, run_id)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
