"""Supervisor view: team load and SLA per team, agents on shift now and next, tickets created vs
resolved, breached and at-risk tickets; charts drawn by Chart.js from the same numbers. For
supervisors and admins only."""

from datetime import datetime, timedelta
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render

from walletdesk.accounts.models import Agent
from walletdesk.console import charts, selectors
from walletdesk.console.selectors import AgentLoad
from walletdesk.console.shifts import shift_board
from walletdesk.console.views.common import AgentRequest, queue_rows_context, supervisor_required
from walletdesk.core.clock import now
from walletdesk.core.conf import desk_setting
from walletdesk.tickets.routing import ShiftWindow
from walletdesk.tickets.selectors import QueueFilters, ticket_queue

LIST_SIZE = 10  # the soonest due; the queues list the rest
FLOW_DAYS = 14


@supervisor_required
def supervisor(request: AgentRequest) -> HttpResponse:
    at = now()
    teams, loads = selectors.desk_load(at=at)
    on_now, upcoming = _shifts(selectors.agents_with_load(loads=loads), at)
    flow = selectors.flow_hours(since=at - timedelta(days=FLOW_DAYS))
    hours, days = charts.hourly(flow, end=at), charts.daily(flow, end=at, days=FLOW_DAYS)
    context = {
        "teams": teams,
        "on_now": on_now,
        "upcoming": upcoming,
        **_due_lists(request.agent, at),
        "risk_minutes": desk_setting("BREACHING_SOON_MINUTES"),
        "hours": hours,
        "days": days,
        "charts": {
            "team_load": charts.team_load_chart(teams).as_json(),
            "team_sla": charts.team_sla_chart(teams).as_json(),
            "agent_load": charts.agent_load_chart(on_now).as_json(),
            "flow_hours": charts.flow_chart(hours, unit="hour").as_json(),
            "flow_days": charts.flow_chart(days, unit="day").as_json(),
        },
        "now": at,
        "section": "supervisor",
        **queue_rows_context(),
    }
    return render(request, "console/supervisor.html", context)


def _shifts(
    agents: list[AgentLoad], at: datetime
) -> tuple[list[AgentLoad], list[tuple[AgentLoad, datetime]]]:
    """Who is on shift now, and who starts within the next hours (soonest first)."""
    rosters = [
        (
            a,
            [ShiftWindow(s.weekday, s.starts, s.ends) for s in a.agent.shifts.all()],
            a.agent.timezone,
        )
        for a in agents
    ]
    return shift_board(rosters, at, selectors.shift_window_hours())


def _due_lists(agent: Agent, at: datetime) -> dict[str, Any]:
    """The breached and the at-risk tickets the agent may see, soonest due first."""
    return {
        queue: ticket_queue(
            agent=agent, filters=QueueFilters(queue=queue), at=at, cursor=None, limit=LIST_SIZE
        )[0]
        for queue in ("breached", "breaching")
    }
