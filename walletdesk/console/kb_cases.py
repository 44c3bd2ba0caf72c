"""The console's review of drafted public cases (editors): read the anonymised draft beside
its rendering, edit, publish or reject. Writes are `kb.services.case_approve / case_reject`."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from walletdesk.console.kb_views import editor_required
from walletdesk.console.views.common import AgentRequest
from walletdesk.core.errors import DomainError, NotFound
from walletdesk.kb import selectors, services
from walletdesk.kb.render import markdown_to_html


def _case(case_id: int, *, for_update: bool = False):
    try:
        return selectors.case_get(case_id=case_id, for_update=for_update)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


@editor_required
def case_list(request: AgentRequest) -> HttpResponse:
    context = {
        "drafts": selectors.cases_drafted(),
        "published": selectors.cases_published(limit=10),
        "section": "kb",
    }
    return render(request, "console/kb/cases.html", context)


@editor_required
def case_review(request: AgentRequest, case_id: int) -> HttpResponse:
    case = _case(case_id)
    context = {"case": case, "html": markdown_to_html(case.body), "section": "kb"}
    return render(request, "console/kb/case.html", context)


@require_POST
@editor_required
def case_decide(request: AgentRequest, case_id: int, decision: str) -> HttpResponse:
    if decision not in ("approve", "reject"):
        raise Http404("No such decision.")
    try:
        with transaction.atomic():
            case = _case(case_id, for_update=True)
            if decision == "reject":
                services.case_reject(case=case, actor=request.agent)
            else:
                services.case_approve(
                    case=case,
                    actor=request.agent,
                    title=(request.POST.get("title") or case.title)[:200],
                    body=request.POST.get("body") or case.body,
                )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("console:kb_case", case_id=case_id)
    done = _("Case published.") if decision == "approve" else _("Case rejected.")
    messages.success(request, done)
    return redirect("console:kb_cases")
