"""Supervisor view: team load, SLA per team, agents on shift now and next, its charts, for
supervisors and admins only; and the pure shift board behind it."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.urls import reverse

from tests import factories
from walletdesk.console.shifts import next_shift_start, shift_board
from walletdesk.core.clock import now
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.routing import ShiftWindow

MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # a Monday


@pytest.fixture
def agent(desk):
    """The team's supervisor, who also takes tickets (the console's own fixture is an agent)."""
    return factories.agent("liwei", teams=[desk], role="supervisor", languages=["zh-hans", "en"])


@pytest.mark.parametrize("role", ["agent", "expert", "security", "editor"])
def test_other_roles_get_403_and_no_link_to_it(client, desk, role):
    other = factories.agent(f"a-{role}", teams=[desk], role=role)
    client.force_login(other.user)
    refused = client.get(reverse("console:supervisor"))
    assert refused.status_code == 403
    assert "teams" not in (refused.context or {})
    queue = client.get(reverse("console:queue")).content.decode()
    assert reverse("console:supervisor") not in queue


@pytest.mark.parametrize("role", ["supervisor", "admin"])
def test_supervisors_and_admins_have_the_page_and_its_link(client, desk, role):
    boss = factories.agent(f"b-{role}", teams=[desk], role=role)
    client.force_login(boss.user)
    assert client.get(reverse("console:supervisor")).status_code == 200
    assert reverse("console:supervisor") in client.get(reverse("console:queue")).content.decode()


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
    (team,) = response.context["teams"]
    assert (team.name, team.active, team.unassigned) == ("Frontline", 1, 0)
    (on_shift,) = response.context["on_now"]
    assert (on_shift.agent, on_shift.load) == (agent, 1)


def test_breached_and_at_risk_are_counted_per_team(agent_client, agent):
    breached, _ = factories.ticket()
    at_risk, _ = factories.ticket()
    factories.ticket()  # due in hours: neither
    at = now()
    Ticket.objects.filter(id=breached.id).update(sla_due_at=at - timedelta(minutes=5))
    Ticket.objects.filter(id=at_risk.id).update(sla_due_at=at + timedelta(minutes=20))
    Ticket.objects.exclude(id__in=[breached.id, at_risk.id]).update(
        sla_due_at=at + timedelta(hours=3)
    )
    page = agent_client.get(reverse("console:supervisor"))
    (team,) = page.context["teams"]
    assert (team.active, team.breached, team.at_risk) == (3, 1, 1)
    sla = page.context["charts"]["team_sla"]
    assert sla["labels"] == ["Frontline"]
    assert [s["data"] for s in sla["series"]] == [[1], [1]]


def test_the_charts_are_on_the_page_as_data_and_drawn_by_the_vendored_library(agent_client):
    factories.ticket()
    body = agent_client.get(reverse("console:supervisor")).content.decode()
    for name in ("team-load", "team-sla", "agent-load", "flow-hours", "flow-days"):
        assert f'data-chart="chart-{name}"' in body
        assert f'<script id="chart-{name}" type="application/json">' in body
    assert "/static/vendor/chartjs/chart.umd.min.js" in body
    assert "/static/console/charts.js" in body
    assert "cdn" not in body.lower()


def test_the_page_speaks_chinese(agent_client):
    factories.ticket()
    page = agent_client.get(reverse("console:supervisor"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    body = page.content.decode()
    assert "团队负载" in body  # Team load
    series = [s["label"] for s in page.context["charts"]["flow_hours"]["series"]]
    assert series == ["新增", "已解决"]
