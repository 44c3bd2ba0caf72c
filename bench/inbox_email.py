"""Inbound email through the whole intake path: store the raw message (redacted, hashed),
parse, deduplicate, resolve the customer, thread or open a ticket, attachments, events.

A mix shaped like a support mailbox: 60 % new requests from 300 senders in Chinese and
English, 40 % replies threaded by In-Reply-To, some with attachments, some automated.

By default as mail-lmtp and the IMAP poller take mail: N processes store their share of the
messages (each sender's in order, as an MTA's sessions would) while N worker processes drain
the stored records in batches; timed from the first store (every process started and warm)
until the last message is processed. CPU per message adds up every process's own CPU time and
its PostgreSQL backend's. `--inline` measures mail-receive's way instead: each process stores
and processes its messages one after the other (process start included).

    .venv/bin/python bench/inbox_email.py [--messages 2000] [--processes 1 2] [--inline]
    BENCH_DATABASE_URL=sqlite:////tmp/wd_bench_inbox.sqlite3 .venv/bin/python bench/inbox_email.py
"""

import argparse
import base64
import multiprocessing
import os
import sys
import time
from pathlib import Path

from _common import ROOT, cpu_with_backend, minimal_desk, percentiles, use_database

PDF = b"%PDF-1.4\n" + b"0" * 20_000 + b"\n%%EOF\n"
REPLY_GAP = 11  # i % 5 in (2, 4) minus 11 is 1 or 3 (mod 5): always a new request


def origin_of(i: int) -> int:
    """The message a reply answers (itself for a new request): the request eleven messages
    before it. (Until session 5 every reply answered message 2 or 4, so that 40 % of the mail
    piled onto two tickets of two senders.)"""
    return i - REPLY_GAP if is_reply(i) else i


def auto_reply(i: int) -> bool:
    return i % 50 == 7


def is_reply(i: int) -> bool:
    return i % 5 in (2, 4) and i >= REPLY_GAP


def message(i: int, run: int) -> bytes:
    """The i-th message of a run; a reply comes from the sender of the request it answers."""
    reply = is_reply(i)
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
    if auto_reply(i):
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
    """--inline: mail-receive's intake, each message stored and processed in turn."""
    use_database(url, fresh=False)
    from walletdesk.inbox.adapters.email.parse import external_id_of
    from walletdesk.inbox.services import inbound_accept, record_process

    timings = []
    for i in indexes:
        raw = message(i, run)
        t0 = time.perf_counter()
        record, _ = inbound_accept(channel="email", payload=raw, external_id=external_id_of(raw))
        record_process(record_id=record.id, payload=raw, record=record)
        timings.append((time.perf_counter() - t0) * 1000)
    queue.put(timings[1:])  # the first message loads the redactor's word lists


def store(url: str, indexes: list[int], run: int, go, queue) -> None:  # type: ignore[no-untyped-def]
    """An MTA's LMTP session: each message stored (acknowledged), processing left to the drain."""
    use_database(url, fresh=False)
    from walletdesk.guard.redaction import redact
    from walletdesk.inbox.adapters.email.parse import external_id_of
    from walletdesk.inbox.services import inbound_accept

    redact("warm up")
    raws = [message(i, run) for i in indexes]
    queue.put("ready")
    go.wait()
    before, timings = cpu_with_backend(), []
    for raw in raws:  # as mail_deliver does for mail-lmtp (the drains look for stored records)
        t0 = time.perf_counter()
        inbound_accept(channel="email", payload=raw, external_id=external_id_of(raw))
        timings.append((time.perf_counter() - t0) * 1000)
    after = cpu_with_backend()
    queue.put(("store", timings, after[0] - before[0], after[1] - before[1]))


def drain(url: str, stored, go, queue) -> None:  # type: ignore[no-untyped-def]
    """A worker's intake drain: batches of INBOX_DRAIN_BATCH until everything is processed."""
    use_database(url, fresh=False)
    from walletdesk.guard.redaction import redact
    from walletdesk.inbox.models import InboundRecord
    from walletdesk.inbox.services import records_drain

    redact("warm up")
    queue.put("ready")
    go.wait()
    before = cpu_with_backend()
    while True:
        if records_drain():
            continue
        if stored.is_set() and not InboundRecord.objects.filter(state="received").exists():
            break
        time.sleep(0.02)
    after = cpu_with_backend()
    queue.put(("drain", time.perf_counter(), after[0] - before[0], after[1] - before[1]))


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


def shares(count: int, processes: int) -> list[list[int]]:
    """Each sender's messages go to one process, in order, so replies follow their original."""
    return [
        [i for i in range(count) if origin_of(i) % 300 % processes == p] for p in range(processes)
    ]


def run_inline(url: str, processes: int, count: int, run_id: int) -> None:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    workers = [
        ctx.Process(target=work, args=(url, s, run_id, queue)) for s in shares(count, processes)
    ]
    started = time.perf_counter()
    for w in workers:
        w.start()
    results = [queue.get() for _ in workers]
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - started
    timings = [t for r in results for t in r]
    print(
        f"inline, processes {processes}: {count} messages, {count / elapsed:,.0f} messages/s "
        f"(incl. process start); store + process {percentiles(timings)}; "
        f"{threads(run_id, count)}"
    )


def run(url: str, processes: int, count: int, run_id: int) -> None:
    """`processes` storing processes (LMTP sessions) and as many draining ones (workers),
    timed from the first store (all processes started and warm) until all is processed."""
    ctx = multiprocessing.get_context("spawn")
    queue, go, stored = ctx.Queue(), ctx.Event(), ctx.Event()
    procs = [
        ctx.Process(target=store, args=(url, s, run_id, go, queue))
        for s in shares(count, processes)
    ]
    procs += [ctx.Process(target=drain, args=(url, stored, go, queue)) for _ in range(processes)]
    for proc in procs:
        proc.start()
    assert [queue.get() for _ in procs] == ["ready"] * len(procs)
    started = time.perf_counter()
    go.set()
    stores = [queue.get() for _ in range(processes)]
    acked = time.perf_counter()
    stored.set()
    drains = [queue.get() for _ in range(processes)]
    for proc in procs:
        proc.join()
    done = max(d[1] for d in drains)
    cpu = sum(r[2] + r[3] for r in stores + drains)
    store_cpu = sum(r[2] + r[3] for r in stores)
    acks = percentiles([t for r in stores for t in r[1]])
    print(
        f"processes {processes}+{processes}: {count} messages stored at "
        f"{count / (acked - started):,.0f}/s ({acks}), processed end to end at "
        f"{count / (done - started):,.0f}/s; CPU {1000 * cpu / count:.2f} ms per message "
        f"(storing {1000 * store_cpu / count:.2f}; ours and PostgreSQL's); {threads(run_id, count)}"
    )


def threads(run_id: int, count: int) -> str:
    """Threading check: each reply on its original's ticket."""
    from walletdesk.tickets.models import Ticket

    originals = sum(1 for i in range(count) if origin_of(i) == i and not auto_reply(i))
    tickets = Ticket.objects.filter(messages__external_id__startswith=f"r{run_id}.").distinct()
    return f"tickets {tickets.count()} (expected {originals})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--inline", action="store_true", help="mail-receive: store + process")
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
        (run_inline if args.inline else run)(url, processes, args.messages, run_id)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
