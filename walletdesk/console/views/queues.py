"""The queue page: one queue, its filters, counts and saved views, keyset-paginated."""

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from walletdesk.accounts.models import Agent
from walletdesk.console import filters as qf
from walletdesk.console import labels
from walletdesk.console.selectors import queue_counts, saved_views_of, teams_all
from walletdesk.console.services import saved_view_delete, saved_view_save
from walletdesk.console.views.common import AgentRequest, agent_required, queue_rows_context
from walletdesk.core.clock import now
from walletdesk.core.errors import DomainError, InvalidInput
from walletdesk.guard.responses import csv_export_response
from walletdesk.guard.throttle import RateLimited
from walletdesk.tickets.selectors import ticket_queue

PAGE_SIZE = 50
EXPORT_ROWS = 1000
EXPORT_HEADER = [
    "number", "subject", "status", "priority", "category", "intent", "channel", "language",
    "chain", "team", "assignee", "tags", "created_at", "sla_due_at",
]  # fmt: skip
QUEUE_NAMES = {
    "mine": gettext_lazy("My tickets"),
    "unassigned": gettext_lazy("Unassigned"),
    "open": gettext_lazy("All open"),
    "breaching": gettext_lazy("Breaching soon"),
    "breached": gettext_lazy("Breached"),
    "pending": gettext_lazy("Waiting on customer"),
    "on_hold": gettext_lazy("On hold"),
    "resolved": gettext_lazy("Recently resolved"),
}
FILTER_TITLES = {
    "status": gettext_lazy("Status"),
    "priority": gettext_lazy("Priority"),
    "category": gettext_lazy("Category"),
    "channel": gettext_lazy("Channel"),
    "language": gettext_lazy("Language"),
    "chain": gettext_lazy("Chain"),
    "segment": gettext_lazy("Customer segment"),
}


def _page(request: AgentRequest, filters: qf.QueueFilters):
    cursor = request.GET.get("cursor") or None
    try:
        return _queue_page(request, filters, cursor)
    except InvalidInput:  # a stale or tampered cursor: start from the first page
        return _queue_page(request, filters, None)


def _queue_page(request: AgentRequest, filters: qf.QueueFilters, cursor: str | None):
    return ticket_queue(
        agent=request.agent, filters=filters, at=now(), cursor=cursor, limit=PAGE_SIZE
    )


@agent_required
def queue(request: AgentRequest) -> HttpResponse:
    filters = qf.filters_from_params(request.GET)
    tickets, next_cursor = _page(request, filters)
    params = qf.params_of(filters)
    context = {
        "filters": filters,
        "tickets": tickets,
        "next_url": f"?{urlencode({**params, 'cursor': next_cursor})}" if next_cursor else "",
        "now": now(),
        **queue_rows_context(),
    }
    if request.htmx and request.GET.get("cursor"):
        return render(request, "console/_queue_rows.html", context)
    context.update(
        queues=QUEUE_NAMES,
        queue_title=QUEUE_NAMES.get(filters.queue, QUEUE_NAMES["open"]),
        saved_views=saved_views_of(request.agent),
        teams=teams_all(),
        agents=list(Agent.objects.order_by("display_name").only("id", "display_name")),
        filter_fields=[(k, FILTER_TITLES[k], labels.options(k)) for k in qf.CHOICES],
        section="queue",
        params=params,
        query=urlencode(params),
    )
    return render(request, "console/queue.html", context)


@agent_required
def counts(request: AgentRequest) -> HttpResponse:
    """The queue counts, loaded by the queue page after it renders and refreshed every 30 s."""
    return JsonResponse(queue_counts(agent=request.agent, at=now()))


def _export_row(t) -> list:
    tags = " ".join(sorted(tag.name for tag in t.tags.all()))
    team, assignee = t.team.name if t.team else "", t.assignee.display_name if t.assignee else ""
    return [
        t.number, t.subject, t.status, t.priority, t.category, t.intent, t.channel, t.language,
        t.chain, team, assignee, tags, t.created_at.isoformat(),
        t.sla_due_at.isoformat() if t.sla_due_at else "",
    ]  # fmt: skip


@agent_required
def export(request: AgentRequest) -> HttpResponse:
    """The queue as filtered, first EXPORT_ROWS tickets, as an audited and escaped CSV (guard).
    Customers' contacts are not exported."""
    filters = qf.filters_from_params(request.GET)
    tickets, _ = ticket_queue(
        agent=request.agent, filters=filters, at=now(), cursor=None, limit=EXPORT_ROWS
    )
    try:
        return csv_export_response(
            request=request,
            filename=f"queue-{filters.queue}-{now():%Y%m%d-%H%M}.csv",
            header=EXPORT_HEADER,
            rows=(_export_row(t) for t in tickets),
            what=f"console.queue.{filters.queue}",
        )
    except RateLimited as exc:
        messages.error(request, exc.message)
        return redirect(reverse("console:queue") + "?" + urlencode(qf.params_of(filters)))


@require_POST
@agent_required
def view_save(request: AgentRequest) -> HttpResponse:
    params = {k: request.POST.get(k, "") for k in qf.SAVABLE_PARAMS}
    try:
        view = saved_view_save(
            agent=request.agent, name=request.POST.get("name", ""), params=params
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(reverse("console:queue") + "?" + urlencode(params))
    messages.success(request, _("View “%(name)s” saved.") % {"name": view.name})
    return redirect(reverse("console:queue") + "?" + urlencode(view.params))


@require_POST
@agent_required
def view_delete(request: AgentRequest, view_id: int) -> HttpResponse:
    try:
        saved_view_delete(agent=request.agent, view_id=view_id)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("console:queue")
