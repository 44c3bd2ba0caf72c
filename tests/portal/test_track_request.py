"""Tracking a request: number + token (or the link), conversation, reply, rating; 404 alike."""

import re

from django.urls import reverse

from tests import factories
from walletdesk.tickets.services import note_add, reply_send, ticket_transition


def same_page(response, number: str) -> str:
    """The page without what differs per request: CSRF tokens and the requested address."""
    html = re.sub(r"[A-Za-z0-9]{32,}", "CSRF", response.content.decode())
    return html.replace(number, "NUMBER")


def open_link(client, ticket, token):
    response = client.get(reverse("portal:track", args=[ticket.number]), {"token": token})
    assert response.status_code == 302  # the token leaves the address bar
    assert response.url == reverse("portal:track", args=[ticket.number])
    return client.get(response.url)


def test_tracking_link_shows_status_timeline_and_public_conversation(client, desk):
    _team, agent = desk
    ticket, token = factories.ticket(body="where is my USDT")
    note_add(ticket=ticket, agent=agent, body="SECRET internal note")
    reply_send(ticket=ticket, agent=agent, body="We are checking.", status="pending")
    body = open_link(client, ticket, token).content.decode()
    assert "where is my USDT" in body and "We are checking." in body
    assert "SECRET internal note" not in body
    assert "Waiting on customer" in body


def test_number_and_code_form_leads_to_the_ticket(client, desk):
    ticket, token = factories.ticket()
    response = client.post(
        reverse("portal:track_lookup"), {"number": ticket.number.lower(), "token": token}
    )
    assert response.url == reverse("portal:track", args=[ticket.number])
    assert client.get(response.url).status_code == 200


def test_wrong_token_and_absent_ticket_look_the_same(client, desk):
    ticket, _token = factories.ticket()
    wrong = client.get(
        reverse("portal:track", args=[ticket.number]), {"token": "guess"}, follow=True
    )
    absent = client.get(
        reverse("portal:track", args=["WD-2026-999999"]), {"token": "guess"}, follow=True
    )
    assert wrong.status_code == absent.status_code == 404
    assert same_page(wrong, ticket.number) == same_page(absent, "WD-2026-999999")
    assert ticket.subject not in wrong.content.decode()
    assert client.get(reverse("portal:track", args=[ticket.number])).status_code == 404


def test_customer_reply_reopens_a_pending_ticket(client, desk):
    _team, agent = desk
    ticket, token = factories.ticket()
    reply_send(ticket=ticket, agent=agent, body="Need the hash", status="pending")
    open_link(client, ticket, token)
    client.post(reverse("portal:track_reply", args=[ticket.number]), {"body": "here: abc"})
    ticket.refresh_from_db()
    assert ticket.status == "open"
    assert ticket.messages.filter(direction="inbound", body_text="here: abc").exists()


def test_reply_without_token_is_not_found(client, desk):
    ticket, _ = factories.ticket()
    response = client.post(reverse("portal:track_reply", args=[ticket.number]), {"body": "hi"})
    assert response.status_code == 404
    assert ticket.messages.count() == 1


def test_rating_after_resolution_once(client, desk):
    _team, agent = desk
    ticket, token = factories.ticket()
    assert 'id="rate-form"' not in open_link(client, ticket, token).content.decode()
    ticket_transition(ticket=ticket, to="resolved", actor=agent)
    assert (
        'id="rate-form"'
        in client.get(reverse("portal:track", args=[ticket.number])).content.decode()
    )
    client.post(reverse("portal:track_rate", args=[ticket.number]), {"score": "5"})
    page = client.get(reverse("portal:track", args=[ticket.number])).content.decode()
    assert 'id="rate-form"' not in page and "5/5" in page
    assert ticket.surveys.get().score == 5


def test_track_page_query_count_is_constant(client, desk, django_assert_max_num_queries):
    _team, agent = desk
    ticket, token = factories.ticket()
    open_link(client, ticket, token)
    url = reverse("portal:track", args=[ticket.number])
    with django_assert_max_num_queries(10) as few:
        client.get(url)
    for i in range(6):
        reply_send(ticket=ticket, agent=agent, body=f"r{i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
