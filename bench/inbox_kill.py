"""Reliability: kill the intake process (SIGKILL) at random points while 1,000 inbound emails
are handed to it, as an MTA would (a spooled message is removed only after the intake stored
it; killed deliveries are retried), and stored messages are drained in batches. At the end
every message must be stored and processed exactly once.

    .venv/bin/python bench/inbox_kill.py [--messages 1000] [--seed 1] [--inline]
"""

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, minimal_desk, use_database
from inbox_email import message

DEFAULT_URL = "sqlite:////tmp/wd_bench_inbox_kill.sqlite3"
DRAIN_EVERY = 25  # stored messages between two drains (the worker's drain runs beside)


def child(spool: Path, inline: bool) -> None:
    """One intake run: finish stored-but-unprocessed records, then take the spool as an LMTP
    server would (store each message, then the drain processes them in batches), or, with
    `inline`, as mail-receive does (store, then process that message at once)."""
    import django

    django.setup()
    from walletdesk.guard.redaction import redact
    from walletdesk.inbox.adapters.email.delivery import mail_deliver
    from walletdesk.inbox.services import records_drain

    redact("warm up")  # load the word lists before announcing readiness
    print("ready", flush=True)
    while records_drain():
        pass
    for n, path in enumerate(sorted(spool.iterdir()), 1):
        mail_deliver(raw=path.read_bytes(), source="kill-bench", process_here=inline)
        path.unlink()  # the MTA's queue entry goes once the intake has stored the message
        if n % DRAIN_EVERY == 0:
            records_drain()
    while records_drain():
        pass


def verify(count: int) -> bool:
    from django.db.models import Count

    from walletdesk.inbox.models import InboundRecord
    from walletdesk.tickets.models import Message

    states = dict(InboundRecord.objects.values_list("state").annotate(n=Count("id")))
    inbound = Message.objects.filter(direction="inbound")
    distinct = inbound.values("external_id").distinct().count()
    automated = sum(1 for i in range(count) if i % 50 == 7)
    print(f"records by state: {states}")
    print(
        f"inbound messages: {inbound.count()} ({distinct} distinct), expected {count - automated}"
    )
    return (
        sum(states.values()) == count
        and set(states) <= {"processed", "ignored"}
        and inbound.count() == distinct == count - automated
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--inline", action="store_true", help="mail-receive's store + process")
    parser.add_argument("--child", type=Path)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.inline)
        return 0
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    use_database(url)
    minimal_desk()
    chance = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        spool = Path(tmp)
        for i in range(args.messages):
            (spool / f"{i:06d}.eml").write_bytes(message(i, 0))
        kills, started = 0, time.perf_counter()
        env = {**os.environ, "DATABASE_URL": url, "WALLETDESK_LOG_LEVEL": "ERROR"}
        while True:
            proc = subprocess.Popen(
                [sys.executable, __file__, "--child", str(spool), *(["--inline"] * args.inline)],
                env=env,
                stdout=subprocess.PIPE,
            )
            assert proc.stdout is not None
            proc.stdout.readline()  # "ready": kill only once the child is working
            try:
                if proc.wait(timeout=chance.uniform(0.2, 3.0)) != 0:
                    print(f"the intake failed with exit code {proc.returncode}")
                break
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                kills += 1
        print(f"{args.messages} messages, {kills} kills, {time.perf_counter() - started:.0f} s")
    ok = verify(args.messages)
    print("every message stored exactly once" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "walletdesk.config.settings")
    sys.exit(main())
