"""Instructions per ticket created through the app API, counted by valgrind's callgrind: the
same figure on every run of the same code, whatever else this machine is doing, where CPU time
and tickets/s drift by a third within the hour. For comparing two versions of the code; it is
not a time (instructions per cycle differ between paths).

The process runs under callgrind with counting off; after its warm-up (imports, caches, every
customer's first contact) this script turns counting on for the measured loop only.
- "request": POST /api/v1/tickets through Django's WSGI handler (as bench/api_create_cpu.py),
- "batch": `create_batch` with `--batch` already validated requests at a time.

    .venv/bin/python bench/api_create_instructions.py [--path request|batch] [--batch 1]
        [--tickets 100]
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, minimal_desk, use_database

DATABASE = "postgres://postgres@127.0.0.1:5432/wd_bench_instr"
WARM_UP = 500  # api_create.payload's app users: each makes its first contact before counting


def child(path: str, size: int, tickets: int, key: str, signal_dir: Path) -> None:
    """Runs under valgrind: warm up, say ready, wait for counting to be on, then the loop."""
    use_database(os.environ["BENCH_DATABASE_URL"], fresh=False)
    import gc

    from api_create_cpu import create_requests, post
    from django.core.handlers.wsgi import WSGIHandler

    from walletdesk.api.models import ApiClient
    from walletdesk.api.ticket_batches import create_batch

    app = WSGIHandler()
    for i in range(WARM_UP):
        post(app, key, 10**7 + i)
    requests = create_requests(ApiClient.objects.get(name="bench"), "instr", tickets)
    gc.freeze()
    (signal_dir / "ready").touch()
    while not (signal_dir / "go").exists():
        time.sleep(0.05)
    if path == "request":
        for i in range(tickets):
            post(app, key, i)
    else:
        for start in range(0, tickets, size):
            for done in create_batch(requests[start : start + size]):
                done.unwrap()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--path", choices=["request", "batch"], default="request")
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--tickets", type=int, default=100)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        key, signal_dir = args.child.split(",", 1)
        child(args.path, args.batch, args.tickets, key, Path(signal_dir))
        return
    url = use_database(os.environ.get("BENCH_DATABASE_URL", DATABASE))
    minimal_desk()
    from walletdesk.api.services import api_client_create

    _client, key = api_client_create(name="bench", scopes=["tickets:write"])
    with tempfile.TemporaryDirectory() as tmp:
        signals, out = Path(tmp), Path(tmp) / "callgrind.out"
        command = [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--callgrind-out-file={out}",
            sys.executable,
            __file__,
            *("--path", args.path, "--batch", str(args.batch), "--tickets", str(args.tickets)),
            "--child",
            f"{key},{signals}",
        ]
        env = {**os.environ, "BENCH_DATABASE_URL": url, "PYTHONHASHSEED": "0"}
        run = subprocess.Popen(command, env=env, cwd=ROOT, stderr=subprocess.DEVNULL)
        while not (signals / "ready").exists():
            if run.poll() is not None:
                raise SystemExit("the measured process ended before its warm-up did")
            time.sleep(0.5)
        subprocess.run(
            ["callgrind_control", "-i", "on", str(run.pid)], check=True, capture_output=True
        )
        (signals / "go").touch()
        if run.wait() != 0:
            raise SystemExit("the measured process failed")
        total = next(
            int(line.split()[1])
            for line in out.read_text().splitlines()
            if line.startswith(("summary:", "totals:"))
        )
    label = "request" if args.path == "request" else f"batch of {args.batch}"
    print(f"{label}: {total / args.tickets / 1e6:.2f} M instructions per ticket")


if __name__ == "__main__":
    main()
