"""The header's away / available toggle (an htmx post that re-renders the toggle)."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from walletdesk.accounts.services import agent_availability_set
from walletdesk.console.views.common import AgentRequest, agent_required


@require_POST
@agent_required
def availability(request: AgentRequest) -> HttpResponse:
    agent = agent_availability_set(
        agent=request.agent, available=request.POST.get("available") == "1"
    )
    if not request.htmx:
        return redirect("console:queue")
    return render(request, "console/_availability.html", {"agent": agent})
