"""Customer portal: submit a request, track it with its number and private token, reply, rate.

A tracking link (the e-mail's signed, expiring `?link=`, or the old `?token=`) or the number +
access code form is checked once; the session then keeps a grant (portal.access), never the
token, and the address drops it. Every ticket read goes through portal.selectors
(ticket_get_for_grant): 404 alike for an absent ticket and a wrong grant. A lost or expired
link: number + e-mail address get a new one by e-mail, with the same answer whether or not
they match a request, rate-limited per client IP and per ticket number.
"""

import contextlib

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from walletdesk.api.intake import tracking_url
from walletdesk.core.errors import DomainError, NotFound
from walletdesk.guard.throttle import client_ip, limit_setting, throttle_hit
from walletdesk.portal import forms
from walletdesk.portal.access import LinkExpired, LinkInvalid, grant_of, track_link_read
from walletdesk.portal.selectors import ticket_get_for_grant, ticket_get_for_link, ticket_progress
from walletdesk.portal.services import WebRequest, new_link_send, portal_request_submit
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.selectors import ticket_get_for_token
from walletdesk.tickets.services import customer_message_add, survey_answer

GRANTS_KEY = "portal_grants"
LEGACY_TOKENS_KEY = "portal_tokens"  # sessions from before grants held the token itself


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
        _grant(request, ticket)
        context = {
            "ticket": ticket,
            "token": token,
            "link": tracking_url(ticket, token),
            "emailed_to": req.email,
        }
        return render(request, "portal/submitted.html", context)
    return render(request, "portal/submit.html", {"form": form, "section": "submit"})


def _grant(request: HttpRequest, ticket: Ticket) -> None:
    grants = request.session.get(GRANTS_KEY, {})
    grants[ticket.number] = grant_of(ticket.access_token_hash)
    request.session[GRANTS_KEY] = grants


def _grant_by_token(request: HttpRequest, number: str, token: str) -> None:
    """A right number + token grants access; a wrong one grants nothing (the page 404s)."""
    with contextlib.suppress(NotFound):
        _grant(request, ticket_get_for_token(number=number, token=token))


def _ticket(request: HttpRequest, number: str) -> Ticket:
    number = number.upper()
    legacy = request.session.get(LEGACY_TOKENS_KEY, {})
    if number in legacy:  # an older session: turn its token into a grant, then forget it
        _grant_by_token(request, number, legacy.pop(number))
        request.session[LEGACY_TOKENS_KEY] = legacy
    grant = request.session.get(GRANTS_KEY, {}).get(number, "")
    try:
        return ticket_get_for_grant(number=number, grant=grant)
    except NotFound as exc:
        raise Http404("No such ticket.") from exc


def _open_link(request: HttpRequest, number: str, value: str) -> HttpResponse:
    """The e-mail's signed tracking link: grant access, or say why the link does not work."""
    try:
        binding = track_link_read(number=number, value=value)
        ticket = ticket_get_for_link(number=number, binding=binding)
    except LinkExpired:
        return _link_error(request, number, expired=True)
    except (LinkInvalid, NotFound):
        return _link_error(request, number, expired=False)
    _grant(request, ticket)
    return redirect("portal:track", number=ticket.number)


def _link_error(request: HttpRequest, number: str, *, expired: bool) -> HttpResponse:
    context = {
        "expired": expired,
        "number": number.upper(),
        "form": forms.TrackForm(),
        "section": "track",
    }
    status = 410 if expired else 400
    return render(request, "portal/track_link_error.html", context, status=status)


@never_cache
def track_lookup(request: HttpRequest) -> HttpResponse:
    form = forms.TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["number"].strip().upper()
        _grant_by_token(request, number, form.cleaned_data["token"].strip())
        return redirect("portal:track", number=number)
    return render(request, "portal/track_form.html", {"form": form, "section": "track"})


def _new_links_limited(request: HttpRequest, number: str) -> bool:
    """Per client IP and per ticket number (keyed on what was typed, found or not)."""
    limit, hour = limit_setting("PORTAL_NEW_LINKS_PER_HOUR"), 3600
    by_ip = throttle_hit(scope="portal-new-link", key=client_ip(request), limit=limit, window=hour)
    by_number = throttle_hit(scope="portal-new-link-n", key=number, limit=limit, window=hour)
    return by_ip or by_number


@never_cache
def track_new_link(request: HttpRequest) -> HttpResponse:
    """The "send me a new link" page: the same answer whether or not number and address match."""
    initial = {"number": request.GET.get("number", "")[:24]}
    form = forms.NewLinkForm(request.POST or None, initial=initial)
    context: dict = {"form": form, "section": "track"}
    if request.method == "POST" and form.is_valid():
        number, email = form.cleaned_data["number"], form.cleaned_data["email"]
        if _new_links_limited(request, number):
            context["limited"] = True
            return render(request, "portal/track_new_link.html", context, status=429)
        new_link_send(number=number, email=email)
        context.update(sent=True, number=number, email=email)
    return render(request, "portal/track_new_link.html", context)


@never_cache
def track(request: HttpRequest, number: str) -> HttpResponse:
    if "link" in request.GET:  # the e-mail's signed link: grant, drop it from the address
        return _open_link(request, number, request.GET["link"])
    if "token" in request.GET:  # the number + token link: grant, drop it from the address
        _grant_by_token(request, number, request.GET["token"])
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
            _grant(request, ticket)
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
