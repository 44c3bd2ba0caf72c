"""The ticket page and its actions (htmx posts that re-render the ticket body)."""

from collections.abc import Callable

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from walletdesk.accounts.models import Agent
from walletdesk.console import labels
from walletdesk.console.actions import ACTIONS
from walletdesk.console.models import Macro
from walletdesk.console.presence import presence_others, presence_set
from walletdesk.console.selectors import macros_for_agent, ticket_workspace
from walletdesk.console.views.common import AgentRequest, agent_required
from walletdesk.core.clock import now
from walletdesk.core.errors import DomainError, NotFound
from walletdesk.guard.services import security_ticket_viewed
from walletdesk.guard.throttle import client_ip
from walletdesk.tickets import workflow
from walletdesk.tickets.choices import Status
from walletdesk.tickets.selectors import ticket_get_for_agent


def _macros(agent: Agent, ticket_language: str) -> list[tuple[Macro, str, str]]:
    """(macro, name, body): named and sorted in the agent's language, filled in the customer's."""
    language = get_language()
    shown = [
        (m, m.name_for(language), m.body_for(ticket_language)) for m in macros_for_agent(agent)
    ]
    return sorted(shown, key=lambda item: item[1])


def _context(request: AgentRequest, ticket_id: int, error: str = "", done: str = "") -> dict:
    try:
        ws = ticket_workspace(agent=request.agent, ticket_id=ticket_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    current = ws.ticket.status
    transitions = [s for s in Status.values if s != current and workflow.can_transition(current, s)]
    return {
        "ws": ws,
        "ticket": ws.ticket,
        "transitions": [(s, labels.label("status", s)) for s in transitions],
        "priorities": labels.options("priority"),
        "categories": labels.options("category"),
        "link_kinds": labels.options("link"),
        "segment_choices": list(labels.LABELS["segment"]),
        "macros": _macros(request.agent, ws.ticket.language),
        "error": error,
        "done": done,
        "now": now(),
        "section": "queue",
    }


@agent_required
def ticket_page(request: AgentRequest, ticket_id: int) -> HttpResponse:
    context = _context(request, ticket_id)
    # Opening a security ticket is audited (the guard ignores other categories).
    security_ticket_viewed(ticket=context["ticket"], actor=request.agent, ip=client_ip(request))
    return render(request, "console/ticket.html", context)


@require_POST
@agent_required
def ticket_action(request: AgentRequest, ticket_id: int, action: str) -> HttpResponse:
    handler: Callable | None = ACTIONS.get(action)
    if handler is None:
        raise Http404("No such action.")
    try:
        ticket = ticket_get_for_agent(agent=request.agent, ticket_id=ticket_id, for_update=False)
        done = handler(ticket=ticket, agent=request.agent, data=request.POST)
        error = ""
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except DomainError as exc:
        done, error = "", exc.message
    if not request.htmx:
        return redirect("console:ticket", ticket_id=ticket_id)
    context = _context(request, ticket_id, error=error, done=str(done or ""))
    return render(request, "console/_ticket_body.html", context)


@agent_required
def ticket_timeline(request: AgentRequest, ticket_id: int) -> HttpResponse:
    """The ticket body alone: refreshed when the websocket says the ticket changed."""
    return render(request, "console/_ticket_body.html", _context(request, ticket_id))


@require_POST
@agent_required
def presence_poll(request: AgentRequest, ticket_id: int) -> JsonResponse:
    """Polling fallback for collision detection: report my state, read the others'."""
    try:
        ticket_get_for_agent(agent=request.agent, ticket_id=ticket_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    agent = request.agent
    presence_set(
        ticket_id=ticket_id,
        agent_id=agent.id,
        name=agent.display_name,
        state=request.POST.get("state", "viewing"),
    )
    others = presence_others(ticket_id=ticket_id, agent_id=agent.id)
    return JsonResponse({"others": [{"name": p.name, "state": p.state} for p in others]})
