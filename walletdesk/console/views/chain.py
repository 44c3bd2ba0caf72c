"""The chain diagnosis panel of the ticket page: shown, re-checked (htmx), polled."""

from datetime import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from walletdesk.console.chain_panel import ChainPanel, chain_panel, chain_recheck
from walletdesk.console.views.common import AgentRequest, agent_required
from walletdesk.core.errors import NotFound
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.selectors import ticket_get_for_agent


def _ticket(request: AgentRequest, ticket_id: int) -> Ticket:
    try:
        return ticket_get_for_agent(agent=request.agent, ticket_id=ticket_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _since(raw: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        return None
    return value if value.tzinfo else None


def _render(request: AgentRequest, panel: ChainPanel) -> HttpResponse:
    return render(request, "console/_chain_panel.html", {"chain": panel, "ticket": panel.ticket})


@agent_required
def panel(request: AgentRequest, ticket_id: int) -> HttpResponse:
    """The panel alone; `?since=` (set by a re-check) keeps it polling until the check is done."""
    ticket = _ticket(request, ticket_id)
    return _render(request, chain_panel(ticket=ticket, since=_since(request.GET.get("since", ""))))


@require_POST
@agent_required
def recheck(request: AgentRequest, ticket_id: int) -> HttpResponse:
    result = chain_recheck(ticket=_ticket(request, ticket_id))
    if not request.htmx:
        return redirect("console:ticket", ticket_id=ticket_id)
    return _render(request, result)
