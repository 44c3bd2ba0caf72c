"""Access for console views: a signed-in user who is an agent (supervisor views: a supervisor
or an admin)."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.middleware import HtmxDetails

from walletdesk.accounts.models import Agent
from walletdesk.console.selectors import agent_of_user


class AgentRequest(HttpRequest):
    """The request a console view gets: the signed-in agent and htmx details attached."""

    agent: Agent
    htmx: HtmxDetails


def agent_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Sign-in for anonymous users, 403 for users who are not agents; sets request.agent."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        agent = agent_of_user(request.user)
        if agent is None or not agent.user.is_active:
            return render(request, "console/not_agent.html", status=403)
        request.agent = agent  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapper


def supervisor_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """As agent_required, and 403 unless the agent is a supervisor or an admin: the desk-wide
    figures (every team's load, who is on shift) are theirs to read."""

    @agent_required
    @wraps(view)
    def wrapper(request: AgentRequest, *args, **kwargs) -> HttpResponse:
        if not request.agent.is_supervisor:
            return render(request, "console/not_supervisor.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def queue_rows_context() -> dict[str, str]:
    """What console/_queue_rows.html needs once per page rather than once per row."""
    return {
        "ticket_prefix": reverse("console:ticket", args=[1]).removesuffix("1/"),
        "unassigned": _("Unassigned"),
    }
