"""Supervisor view: team load, who is on shift now and next, breached and at-risk tickets."""

from django.http import HttpResponse
from django.shortcuts import render

from walletdesk.console import selectors
from walletdesk.console.shifts import shift_board
from walletdesk.console.views.common import AgentRequest, agent_required, queue_rows_context
from walletdesk.core.clock import now
from walletdesk.tickets.routing import ShiftWindow
from walletdesk.tickets.selectors import QueueFilters, ticket_queue

LIST_SIZE = 15


@agent_required
def supervisor(request: AgentRequest) -> HttpResponse:
    at = now()
    agents = selectors.agents_with_load()
    on_now, upcoming = shift_board(
        [
            (a, [ShiftWindow(s.weekday, s.starts, s.ends) for s in a.shifts.all()], a.timezone)
            for a in agents
        ],
        at,
        selectors.shift_window_hours(),
    )
    lists = {
        name: ticket_queue(
            agent=request.agent,
            filters=QueueFilters(queue=name),
            at=at,
            cursor=None,
            limit=LIST_SIZE,
        )[0]
        for name in ("breached", "breaching")
    }
    context = {
        "teams": selectors.team_load(),
        "agents": agents,
        "on_now": on_now,
        "upcoming": upcoming,
        "breached": lists["breached"],
        "breaching": lists["breaching"],
        "now": at,
        "section": "supervisor",
        **queue_rows_context(),
    }
    return render(request, "console/supervisor.html", context)
