"""CPU per ticket created through the app API, in process: steadier than requests/s on a shared
or virtual machine, where the same code's throughput can drift by a third within the hour.

One thread, no HTTP hop and no load generator: each figure is this process's CPU and its
PostgreSQL backends' CPU (from /proc), divided by the tickets created.
- "request": POST /api/v1/tickets through Django's WSGI handler (middleware, ninja's
  validation and authentication, the group commit with a batch of one, the JSON answer);
- "batch of k": `create_batch` with k already validated requests, as the group commit runs it
  when k creations arrive together.

    .venv/bin/python bench/api_create_cpu.py [--tickets 2000] [--batches 1 2 4 8]
"""

import argparse
import gc
import io
import json
import time

from _common import cpu_with_backends, minimal_desk, use_database
from api_create import payload

CUSTOMERS = 500  # api_create.payload's app users


def body(i: int) -> bytes:
    return json.dumps(payload(i), ensure_ascii=False).encode()


def create_requests(client, tag: str, count: int) -> list:
    """`count` validated creations as the group commit receives them, keys `{tag}-{i}`."""
    from walletdesk.api.schemas import TicketCreateIn
    from walletdesk.api.ticket_batches import CreateRequest

    return [
        CreateRequest(
            client=client,
            key=f"{tag}-{i}",
            fingerprint=str(i),
            payload=TicketCreateIn.model_validate_json(body(i)),
        )
        for i in range(count)
    ]


def post(app, key: str, i: int) -> None:
    data = body(i)
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/api/v1/tickets",
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1:8000",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(data),
        "CONTENT_LENGTH": str(len(data)),
        "CONTENT_TYPE": "application/json",
        "HTTP_AUTHORIZATION": f"Bearer {key}",
        "HTTP_IDEMPOTENCY_KEY": f"cpu-{i}",
    }
    status = []
    response = app(environ, lambda s, headers, exc_info=None: status.append(s))
    b"".join(response)
    response.close()
    if not status[0].startswith("201"):
        raise SystemExit(f"unexpected answer {status[0]}")


def report(label: str, count: int, before, after, elapsed: float) -> None:
    web, database = ((a - b) / count * 1000 for a, b in zip(after, before, strict=True))
    print(
        f"{label:<12} {count:>6} tickets  web CPU {web:.2f} ms  PostgreSQL CPU {database:.2f} ms"
        f"  wall {elapsed / count * 1000:.2f} ms  per ticket"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=2000)
    parser.add_argument("--batches", type=int, nargs="+", default=[1, 2, 4, 8])
    args = parser.parse_args()
    use_database()
    minimal_desk()
    from django.core.handlers.wsgi import WSGIHandler

    from walletdesk.api.services import api_client_create
    from walletdesk.api.ticket_batches import create_batch

    client, key = api_client_create(name="bench", scopes=["tickets:write"])
    app = WSGIHandler()
    # Warm-up: URLconf, caches, the redaction lexicon, and every customer's first contact, so
    # that each line below measures known customers only.
    for i in range(CUSTOMERS):
        post(app, key, 10**7 + i)
    gc.freeze()  # as the servers do after start-up

    before, t0 = cpu_with_backends(), time.perf_counter()
    for i in range(args.tickets):
        post(app, key, i)
    report("request", args.tickets, before, cpu_with_backends(), time.perf_counter() - t0)

    for n, size in enumerate(args.batches, start=1):
        requests = create_requests(client, f"cpu-{n}", args.tickets)
        before, t0 = cpu_with_backends(), time.perf_counter()
        for start in range(0, len(requests), size):
            for done in create_batch(requests[start : start + size]):
                done.unwrap()
        elapsed = time.perf_counter() - t0
        report(f"batch of {size}", args.tickets, before, cpu_with_backends(), elapsed)


if __name__ == "__main__":
    main()
