"""The worker's flow rollup: tickets created and resolved per hour, counted once from the ticket
events after its cursor, for the supervisor view's charts."""

from datetime import UTC, datetime, timedelta

import pytest

from tests import factories
from walletdesk.console.models import FlowCursor, FlowHour
from walletdesk.console.selectors import flow_hours
from walletdesk.console.services import FLOW_KEEP, FLOW_LAG, flow_rollup
from walletdesk.core.clock import frozen_at
from walletdesk.tickets.services import ticket_transition

pytestmark = pytest.mark.django_db
NINE = datetime(2026, 11, 23, 9, 10, tzinfo=UTC)


def ticket_at(moment: datetime):
    with frozen_at(moment):
        return factories.ticket()[0]


def resolve_at(ticket, agent, moment: datetime) -> None:
    with frozen_at(moment):
        ticket_transition(ticket=ticket, to="resolved", actor=agent)


def hours() -> dict[int, tuple[int, int]]:
    return {h.hour: (c, r) for h, c, r in flow_hours(since=NINE - timedelta(days=1))}


def test_created_and_resolved_are_counted_in_their_hours(desk):
    agent = factories.agent("liwei", teams=[desk])
    first = ticket_at(NINE)
    ticket_at(NINE + timedelta(minutes=40))
    resolve_at(first, agent, NINE + timedelta(hours=1))
    flow_rollup(at=NINE + timedelta(hours=2))
    assert hours() == {9: (2, 0), 10: (0, 1)}


def test_each_event_is_counted_once_and_new_ones_are_added(desk):
    ticket_at(NINE)
    flow_rollup(at=NINE + timedelta(minutes=5))
    flow_rollup(at=NINE + timedelta(minutes=6))  # nothing new
    ticket_at(NINE + timedelta(minutes=10))
    flow_rollup(at=NINE + timedelta(minutes=15))
    assert hours() == {9: (2, 0)}


def test_events_younger_than_the_lag_wait_for_the_next_run(desk):
    ticket_at(NINE)
    assert flow_rollup(at=NINE + FLOW_LAG / 2) == 0
    assert hours() == {}
    flow_rollup(at=NINE + FLOW_LAG)
    assert hours() == {9: (1, 0)}


def test_the_first_run_starts_at_the_kept_period_and_old_hours_are_dropped(desk):
    ticket_at(NINE - FLOW_KEEP - timedelta(days=1))  # before the kept period: never counted
    ticket_at(NINE)
    flow_rollup(at=NINE + timedelta(hours=1))
    assert FlowHour.objects.count() == 1
    FlowHour.objects.create(hour=NINE - FLOW_KEEP - timedelta(hours=1), created=5)
    flow_rollup(at=NINE + timedelta(hours=1))
    assert list(FlowHour.objects.values_list("created", flat=True)) == [1]


def test_a_cursor_held_by_another_worker_is_left_alone(desk, monkeypatch):
    ticket_at(NINE)
    FlowCursor.objects.create(pk=1, event_id=0, updated_at=NINE)
    monkeypatch.setattr(
        "walletdesk.console.services.FlowCursor.objects.select_for_update",
        lambda **kw: FlowCursor.objects.none(),  # as SKIP LOCKED answers while another holds it
    )
    assert flow_rollup(at=NINE + timedelta(hours=1)) == 0
    assert not FlowHour.objects.exists()
