"""One pass of the worker's sweeps also re-queues outbox deliveries whose task was lost (due
for over a minute), and leaves alone one that merely waits for its task."""

from datetime import timedelta

import pytest

from tests import factories as f
from walletdesk.accounts.services import customer_resolve
from walletdesk.core.clock import now
from walletdesk.inbox.models import Delivery
from walletdesk.ops.worker import sweep_once
from walletdesk.tickets.services import reply_send

pytestmark = pytest.mark.django_db


def test_sweep_once_reports_every_sweep_and_requeues_due_deliveries(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    f.default_policies()
    alice = f.agent("alice", teams=[f.team()])
    customer = customer_resolve(kind="email", value="li@example.com", verified=True)
    ticket, _ = f.ticket(customer, channel="email")
    reply_send(ticket=ticket, agent=alice, body="We are looking into it.")
    pending = Delivery.objects.filter(state=Delivery.State.PENDING)
    assert pending.count() == 1
    assert sweep_once()["deliveries"] == 0  # its task is still queued
    pending.update(next_attempt_at=now() - timedelta(minutes=2))  # the task was lost
    done = sweep_once()
    assert set(done) == {
        "sla",
        "automation",
        "assigned",
        "deliveries",
        "inbound",
        "assistant_abandoned",
        "tasks_requeued",
        "telegram_spooled",
        "flow_hours",
    }
    assert done["deliveries"] == 1 and done["inbound"] == 0
    assert done["tasks_requeued"] == 0 and done["telegram_spooled"] == 0
