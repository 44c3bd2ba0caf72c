"""Routing reads skills and shifts from the per-process roster snapshot; every change an admin
can make to them is seen by the next ticket without waiting for the snapshot to expire."""

from datetime import time

import pytest

from tests import factories
from walletdesk.accounts.models import Shift
from walletdesk.tickets.services.desk_config import desk_config

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    factories.default_policies()
    return factories.team()


def test_agent_added_to_team_later_gets_tickets(desk):
    other = factories.team("experts", kind="experts")
    late = factories.agent("late", teams=[other])
    factories.ticket()  # loads the snapshot: frontline has nobody
    assert desk_config().roster(desk.id) == ()
    late.teams.add(desk)
    ticket, _ = factories.ticket()
    assert ticket.assignee_id == late.id


def test_shift_saved_by_admin_is_seen(desk):
    night = factories.agent("night", teams=[desk], always_on=False)
    first, _ = factories.ticket()
    assert first.assignee_id is None  # off shift
    for day in range(7):
        Shift.objects.create(agent=night, weekday=day, starts=time(0), ends=time(0))
    second, _ = factories.ticket()
    assert second.assignee_id == night.id


def test_deactivated_user_leaves_the_roster(desk):
    gone = factories.agent("gone", teams=[desk])
    assert factories.ticket()[0].assignee_id == gone.id
    gone.user.is_active = False
    gone.user.save()
    assert factories.ticket()[0].assignee_id is None


def test_availability_is_read_live_not_from_the_snapshot(desk):
    away = factories.agent("away", teams=[desk])
    factories.ticket()
    type(away).objects.filter(id=away.id).update(is_available=False)  # no signal on purpose
    assert factories.ticket()[0].assignee_id is None


def test_open_load_respects_capacity(desk):
    busy = factories.agent("busy", teams=[desk], capacity=2)
    assigned = [factories.ticket()[0].assignee_id for _ in range(3)]
    assert assigned == [busy.id, busy.id, None]
