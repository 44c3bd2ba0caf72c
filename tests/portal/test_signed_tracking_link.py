"""The confirmation e-mail's tracking link is signed and expires; the access token is stored
nowhere (not in the outbound message, not in the session); old number + token links still
work; an expired or tampered link gives a clear page."""

import time
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.guard import leakcheck
from walletdesk.inbox.models import Delivery
from walletdesk.inbox.services.outbox import outbound_build
from walletdesk.portal.access import track_link_url
from walletdesk.tickets.models import Message, Ticket


def submitted(client: Client, language: str = "en") -> tuple[Ticket, str]:
    response = client.post(
        reverse("portal:submit"),
        {"category": "technical", "description": "USDT missing", "email": "sam@example.com"},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 200
    return Ticket.objects.get(), response.context["token"]


def stored_link(ticket: Ticket) -> str:
    body = Message.objects.get(ticket=ticket, direction="outbound").body_text
    url = urlsplit(next(word for word in body.split() if "/track/" in word))
    return f"{url.path}?{url.query}"


def everything_stored() -> str:
    """Every row (raw SQL, JSON decoded), sessions decoded, and what the outbox would send."""
    rows = "\n".join(leakcheck.database_text().values())
    sessions = [repr(SessionStore().decode(s.session_data)) for s in Session.objects.all()]
    sends = [repr(outbound_build(d)) for d in Delivery.objects.all()]
    return "\n".join([rows, *sessions, *sends])


def test_the_access_token_is_in_no_stored_row(client, desk):
    ticket, token = submitted(client)
    assert Delivery.objects.count() == 1 and Session.objects.count() == 1
    assert token not in everything_stored()
    # every way of opening the ticket leaves grants in sessions, never the token
    Client().get(stored_link(ticket))
    Client().get(reverse("portal:track", args=[ticket.number]), {"token": token})
    Client().post(reverse("portal:track_lookup"), {"number": ticket.number, "token": token})
    assert Session.objects.count() == 4
    assert token not in everything_stored()
    assert ticket.number in everything_stored()  # the scan reads the rows it should


def test_the_signed_link_opens_the_ticket_in_another_browser(client, desk):
    ticket, _token = submitted(client)
    reader = Client()
    page = reader.get(reverse("portal:track", args=[ticket.number]))
    assert page.status_code == 404  # nothing without the link
    opened = reader.get(stored_link(ticket))
    assert opened.status_code == 302
    assert opened.url == reverse("portal:track", args=[ticket.number])  # the link leaves the bar
    page = reader.get(opened.url)
    assert page.status_code == 200 and "USDT missing" in page.content.decode()
    reader.post(reverse("portal:track_reply", args=[ticket.number]), {"body": "any news?"})
    assert ticket.messages.filter(direction="inbound", body_text="any news?").exists()


def test_old_number_and_token_links_keep_working(client, desk):
    ticket, token = factories.ticket()
    opened = client.get(reverse("portal:track", args=[ticket.number]), {"token": token})
    assert opened.status_code == 302
    assert client.get(opened.url).status_code == 200


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "This tracking link has expired"), ("zh-Hans", "此跟踪链接已过期")],
)
def test_an_expired_link_says_so(client, desk, settings, language, heading):
    settings.WALLETDESK = {**settings.WALLETDESK, "PORTAL_TRACK_LINK_MAX_AGE": 3600}
    ticket, _ = factories.ticket()
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 3601 - 60):
        link = urlsplit(track_link_url(ticket))
    response = client.get(f"{link.path}?{link.query}", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 410
    html = response.content.decode()
    assert heading in html and 'data-reason="expired"' in html
    assert 'name="token"' in html  # the number + access code form is offered
    assert client.get(link.path).status_code == 404  # and no access was granted


def test_a_link_within_its_age_works(client, desk, settings):
    settings.WALLETDESK = {**settings.WALLETDESK, "PORTAL_TRACK_LINK_MAX_AGE": 3600}
    ticket, _ = factories.ticket()
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 3000):
        link = urlsplit(track_link_url(ticket))
    assert client.get(f"{link.path}?{link.query}").status_code == 302
    assert client.get(link.path).status_code == 200


def tampered(value: str) -> list[str]:
    payload, stamp, signature = value.split(":")
    flip = "A" if signature[5] != "A" else "B"
    return [
        f"{payload}:{stamp}:{signature[:5]}{flip}{signature[6:]}",  # signature changed
        f"{payload[:-2]}xx:{stamp}:{signature}",  # payload changed
        value[: len(value) // 2],  # cut short
        "",
    ]


def test_a_tampered_link_is_refused_clearly(client, desk):
    ticket, _ = factories.ticket()
    link = urlsplit(track_link_url(ticket))
    value = link.query.removeprefix("link=")
    for bad in tampered(value):
        response = client.get(link.path, {"link": bad})
        assert response.status_code == 400, bad
        html = response.content.decode()
        assert "This tracking link is not valid" in html and 'data-reason="invalid"' in html
    assert client.get(link.path).status_code == 404


def test_a_link_for_one_ticket_does_not_open_another(client, desk):
    first, _ = factories.ticket()
    second, _ = factories.ticket()
    value = urlsplit(track_link_url(first)).query.removeprefix("link=")
    response = client.get(reverse("portal:track", args=[second.number]), {"link": value})
    assert response.status_code == 400
    assert client.get(reverse("portal:track", args=[second.number])).status_code == 404
