"""Customer data on the ticket page, through the guard: contacts revealed on request (audited,
rate-limited) and attachments downloaded as safe, never-inline files."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from walletdesk.console.selectors import agent_of_user
from walletdesk.console.views.common import AgentRequest, agent_required
from walletdesk.core.errors import NotFound
from walletdesk.guard.responses import Found, attachment_view
from walletdesk.guard.services import customer_reveal
from walletdesk.guard.throttle import RateLimited, client_ip
from walletdesk.tickets.models import Attachment
from walletdesk.tickets.selectors import ticket_get_for_agent, tickets_visible_to_agent


@require_POST
@agent_required
def reveal(request: AgentRequest, ticket_id: int) -> HttpResponse:
    try:
        ticket = ticket_get_for_agent(agent=request.agent, ticket_id=ticket_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    context: dict = {"ticket": ticket}
    try:
        context["identities"] = customer_reveal(
            agent=request.agent, ticket=ticket, ip=client_ip(request)
        )
    except RateLimited as exc:
        context.update(identities=[], reveal_error=exc.message)
    return render(request, "console/_identities.html", context)


def _attachment(request: HttpRequest, attachment_id: int) -> Found | None:
    """An attachment of a ticket the signed-in agent can see; None for anything else."""
    agent = agent_of_user(request.user)
    if agent is None or not agent.user.is_active:
        return None
    found = (
        Attachment.objects.filter(
            id=attachment_id, message__ticket__in=tickets_visible_to_agent(agent)
        )
        .only("file", "filename", "content_type")
        .first()
    )
    if found is None:
        return None
    return found.file.open("rb"), found.filename, found.content_type


attachment = attachment_view(_attachment)
