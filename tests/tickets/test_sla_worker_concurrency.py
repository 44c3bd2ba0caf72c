"""Several SLA workers on PostgreSQL share the due tickets without processing one twice."""

import threading
from datetime import timedelta

import pytest
from django.db import connection

from tests import factories as f
from walletdesk.tickets.models import TicketEvent
from walletdesk.tickets.services.sla_sweep import sla_sweep_batch


@pytest.mark.django_db(transaction=True)
def test_parallel_sweeps_claim_disjoint_tickets(on_postgres):
    f.default_policies()
    f.agent("alice", teams=[f.team()])
    tickets = [f.ticket()[0] for _ in range(40)]
    at = max(t.created_at for t in tickets) + timedelta(minutes=25)
    results, barrier = [], threading.Barrier(4)

    def sweep():
        barrier.wait()
        try:
            results.append(sla_sweep_batch(at=at, batch_size=15).tickets)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(results) == 40  # four batches of up to 15, no ticket counted twice
    warnings = TicketEvent.objects.filter(kind="sla_warning")
    assert warnings.count() == 40
    assert warnings.values("ticket").distinct().count() == 40
