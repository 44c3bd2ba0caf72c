"""The agent's notices: a header link with the unread count (loaded by htmx, so pages keep
their query budgets), the list in the agent's language, and marking them read."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from walletdesk.accounts.notices import notice_text
from walletdesk.accounts.selectors import notifications_of_agent, notifications_unread_count
from walletdesk.accounts.services import notifications_mark_read
from walletdesk.console.views.common import AgentRequest, agent_required

PAGE_SIZE = 50


@agent_required
def notifications(request: AgentRequest) -> HttpResponse:
    before = request.GET.get("before", "")
    items = notifications_of_agent(
        agent=request.agent, before=int(before) if before.isdigit() else None, limit=PAGE_SIZE
    )
    notices = [(n, notice_text(n.kind, n.data)) for n in items]
    context = {
        "section": "notifications",
        "notices": notices,
        "unread": notifications_unread_count(agent=request.agent),
        "next_before": items[-1].id if len(items) == PAGE_SIZE else None,
    }
    return render(request, "console/notifications.html", context)


@agent_required
def badge(request: AgentRequest) -> HttpResponse:
    unread = notifications_unread_count(agent=request.agent)
    return render(request, "console/_notifications_link.html", {"unread": unread})


@require_POST
@agent_required
def mark_read(request: AgentRequest) -> HttpResponse:
    raw = request.POST.get("id", "")
    notifications_mark_read(agent=request.agent, ids=[int(raw)] if raw.isdigit() else None)
    return redirect("console:notifications")


@require_POST
@agent_required
def open_notice(request: AgentRequest, notice_id: int) -> HttpResponse:
    """Mark a notice read and go to its ticket (or back to the list when it names none)."""
    notifications_mark_read(agent=request.agent, ids=[notice_id])
    ticket_id = request.POST.get("ticket", "")
    if ticket_id.isdigit():
        return redirect(reverse("console:ticket", args=[int(ticket_id)]))
    return redirect("console:notifications")
