"""Supervisor view and the pure shift board behind it."""

from datetime import UTC, datetime, time, timedelta

from django.urls import reverse

from tests import factories
from walletdesk.console.shifts import next_shift_start, shift_board
from walletdesk.tickets.routing import ShiftWindow

MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # a Monday


def test_next_shift_start_in_the_agents_time_zone():
    shifts = [ShiftWindow(0, time(20), time(4))]  # Monday 20:00 Shanghai = 12:00 UTC
    assert next_shift_start(shifts, "Asia/Shanghai", MONDAY_10) == datetime(
        2026, 11, 23, 12, 0, tzinfo=UTC
    )
    assert next_shift_start([], "UTC", MONDAY_10) is None


def test_shift_board_splits_now_and_next():
    on = ("on", [ShiftWindow(0, time(9), time(17))], "UTC")
    soon = ("soon", [ShiftWindow(0, time(12), time(20))], "UTC")
    later = ("later", [ShiftWindow(2, time(9), time(17))], "UTC")
    now, upcoming = shift_board([on, soon, later], MONDAY_10, timedelta(hours=8))
    assert now == ["on"]
    assert [a for a, _ in upcoming] == ["soon"]


def test_supervisor_page_shows_team_load_and_on_shift_agents(agent_client, agent):
    factories.ticket(priority="urgent")
    response = agent_client.get(reverse("console:supervisor"))
    assert response.status_code == 200
    rows = response.context["teams"]
    assert rows[0]["active"] == 1 and rows[0]["urgent"] == 1
    assert agent in response.context["on_now"]
