"""Customer portal: submit a request, track it with its number and private token, reply, rate.

The token is taken from the tracking link once, kept in the session and dropped from the URL.
Every ticket read goes through tickets.selectors.ticket_get_for_token: 404 alike for an absent
ticket and a wrong token.
"""

import contextlib

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from walletdesk.api.intake import tracking_url
from walletdesk.core.errors import DomainError, NotFound
from walletdesk.portal import forms
from walletdesk.portal.selectors import ticket_progress
from walletdesk.portal.services import WebRequest, portal_request_submit
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.selectors import ticket_get_for_token
from walletdesk.tickets.services import customer_message_add, survey_answer

SESSION_KEY = "portal_tokens"


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"track_form": forms.TrackForm(), "section": "home"})


def _language() -> str:
    return "zh-hans" if (get_language() or "").lower().startswith("zh") else "en"


@never_cache
def submit(request: HttpRequest) -> HttpResponse:
    form = forms.RequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        req = WebRequest(
            category=data["category"],
            description=data["description"],
            language=_language(),
            subject=data["subject"],
            email=data["email"],
            chain=data["chain"],
            address=data["address"],
            tx_hash=data["tx_hash"],
            files=data["attachments"],
        )
        ticket, token = portal_request_submit(req=req)
        _remember(request, ticket.number, token)
        context = {
            "ticket": ticket,
            "token": token,
            "link": tracking_url(ticket, token),
            "emailed_to": req.email,
        }
        return render(request, "portal/submitted.html", context)
    return render(request, "portal/submit.html", {"form": form, "section": "submit"})


def _remember(request: HttpRequest, number: str, token: str) -> None:
    tokens = request.session.get(SESSION_KEY, {})
    tokens[number.upper()] = token
    request.session[SESSION_KEY] = tokens


def _ticket(request: HttpRequest, number: str) -> Ticket:
    token = request.session.get(SESSION_KEY, {}).get(number.upper(), "")
    try:
        return ticket_get_for_token(number=number, token=token)
    except NotFound as exc:
        raise Http404("No such ticket.") from exc


@never_cache
def track_lookup(request: HttpRequest) -> HttpResponse:
    form = forms.TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["number"].strip().upper()
        _remember(request, number, form.cleaned_data["token"].strip())
        return redirect("portal:track", number=number)
    return render(request, "portal/track_form.html", {"form": form, "section": "track"})


@never_cache
def track(request: HttpRequest, number: str) -> HttpResponse:
    if "token" in request.GET:  # the tracking link: keep the token, drop it from the address
        _remember(request, number, request.GET["token"])
        return redirect("portal:track", number=number.upper())
    ticket = _ticket(request, number)
    context = {
        "p": ticket_progress(ticket),
        "reply_form": forms.ReplyForm(),
        "rating_form": forms.RatingForm(),
        "section": "track",
    }
    return render(request, "portal/track.html", context)


@require_POST
def track_reply(request: HttpRequest, number: str) -> HttpResponse:
    ticket = _ticket(request, number)
    form = forms.ReplyForm(request.POST)
    if form.is_valid():
        ticket, _message = customer_message_add(
            ticket=ticket, body=form.cleaned_data["body"], channel=ticket.channel
        )
        if ticket.number != number.upper():  # a closed ticket: the follow-up shares its token
            _remember(request, ticket.number, request.session[SESSION_KEY][number.upper()])
        return redirect("portal:track", number=ticket.number)
    return redirect("portal:track", number=number)


@require_POST
def track_rate(request: HttpRequest, number: str) -> HttpResponse:
    ticket = _ticket(request, number)
    form = forms.RatingForm(request.POST)
    if form.is_valid():
        # Already rated or not resolved: the page simply shows the current state.
        with contextlib.suppress(DomainError):
            survey_answer(
                ticket=ticket,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
    return redirect("portal:track", number=ticket.number)
