"""SLA worker: evaluate N open tickets whose targets are all due (warnings and breaches).

.venv/bin/python bench/sla_worker.py [--tickets 100000]   (BENCH_DATABASE_URL overrides PG)
"""

import argparse
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
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _customer():
    from walletdesk.accounts.services import customer_resolve

    return customer_resolve(kind="app_user", value="bench")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()
    use_database()
    minimal_desk()
    t0 = time.perf_counter()
    seed(args.tickets)
    print(f"seeded {args.tickets} open tickets in {time.perf_counter() - t0:.1f}s")
    from walletdesk.core.clock import now
    from walletdesk.tickets.services import sla_sweep

    later = now() + timedelta(days=2)
    t0 = time.perf_counter()
    result = sla_sweep(at=later, batch_size=args.batch, max_batches=10**6)
    elapsed = time.perf_counter() - t0
    print(
        f"sla_sweep: {result.tickets} tickets, {result.warnings} warnings, "
        f"{result.breaches} breaches, {result.reassigned} reassigned in {elapsed:.2f}s "
        f"= {result.tickets / elapsed:,.0f} tickets/s; max RSS {rss_mb():.0f} MB"
    )


if __name__ == "__main__":
    main()
