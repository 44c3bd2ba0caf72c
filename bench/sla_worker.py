"""SLA worker: evaluate N open tickets, a fraction of them due (warnings and breaches).

.venv/bin/python bench/sla_worker.py [--tickets 100000] [--due 1.0] [--workers 2]
(BENCH_DATABASE_URL overrides PG). --workers runs that many sweeping processes at once, as
`walletdesk worker` does on several machines; they share the work with SKIP LOCKED.
"""

import argparse
import multiprocessing
import time
from datetime import timedelta

from _common import minimal_desk, rss_mb, use_database


def seed(count: int) -> None:
    """Copy one real ticket (and its SLA targets) `count` times, in bulk."""
    from django.db import connection

    from walletdesk.tickets import services
    from walletdesk.tickets.models import SlaTarget, Ticket

    template, _ = services.ticket_create(
        draft=services.TicketDraft(customer=_customer(), subject="seed", body="seed", channel="app")
    )
    targets = list(SlaTarget.objects.filter(ticket=template))
    ticket_fields = [f.attname for f in Ticket._meta.concrete_fields if f.attname != "id"]
    target_fields = [
        f.attname for f in SlaTarget._meta.concrete_fields if f.attname not in ("id", "ticket_id")
    ]
    for start in range(0, count, 5000):
        rows = []
        for i in range(start, min(count, start + 5000)):
            ticket = Ticket(**{name: getattr(template, name) for name in ticket_fields})
            ticket.number = f"WD-BENCH-{i:08d}"
            rows.append(ticket)
        Ticket.objects.bulk_create(rows)
        SlaTarget.objects.bulk_create(
            SlaTarget(ticket_id=t.id, **{name: getattr(s, name) for name in target_fields})
            for t in rows
            for s in targets
        )
    if connection.vendor == "postgresql":
        # As a table in service would be: vacuumed, and its pages on disk. The sweep then pays
        # the full-page writes of the first change to each page, as after any checkpoint.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
            cursor.execute("CHECKPOINT")


def _customer():
    from walletdesk.accounts.services import customer_resolve

    return customer_resolve(kind="app_user", value="bench")


def not_due(fraction: float, at) -> int:
    """Push all but `fraction` of the tickets' next check past the sweep time."""
    from walletdesk.tickets.models import Ticket

    ids = list(Ticket.objects.order_by("id").values_list("id", flat=True))
    keep = ids[: int(len(ids) * fraction)]
    later = at + timedelta(days=30)
    return Ticket.objects.exclude(id__in=keep).update(sla_next_check_at=later) if keep else 0


def sweep(at, batch: int, queue, ready) -> None:
    """One worker process (spawned: a fresh interpreter and its own connection)."""
    import django

    django.setup()
    from walletdesk.tickets.services import sla_sweep

    ready.wait()  # every worker imported and set up: the parent starts its clock now
    result = sla_sweep(at=at, batch_size=batch, max_batches=10**6)
    queue.put((result.tickets, result.warnings, result.breaches, result.reassigned, rss_mb()))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--due", type=float, default=1.0, help="fraction of tickets due")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    use_database()
    minimal_desk()
    t0 = time.perf_counter()
    seed(args.tickets)
    print(f"seeded {args.tickets} open tickets in {time.perf_counter() - t0:.1f}s")
    from walletdesk.core.clock import now

    later = now() + timedelta(days=2)
    if args.due < 1:
        not_due(args.due, later)
    ctx = multiprocessing.get_context("spawn")
    queue, ready = ctx.Queue(), ctx.Barrier(args.workers + 1)
    work = (later, args.batch, queue, ready)
    procs = [ctx.Process(target=sweep, args=work) for _ in range(args.workers)]
    for p in procs:
        p.start()
    ready.wait()
    t0 = time.perf_counter()
    results = [queue.get(timeout=3600) for _ in procs]
    for p in procs:
        p.join()
    elapsed = time.perf_counter() - t0
    tickets, warnings, breaches, reassigned = (sum(r[i] for r in results) for i in range(4))
    print(
        f"sla_sweep x{args.workers}: {args.tickets} open, {tickets} due and evaluated, "
        f"{warnings} warnings, {breaches} breaches, {reassigned} reassigned in {elapsed:.2f}s "
        f"= {tickets / elapsed:,.0f} due tickets/s; max RSS per worker "
        f"{max(r[4] for r in results):.0f} MB"
    )


if __name__ == "__main__":
    main()
