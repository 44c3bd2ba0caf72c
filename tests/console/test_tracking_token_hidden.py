"""Agents see the portal's confirmation e-mail in the timeline without the customer's token or
signed tracking link (bearer credentials for the customer's side)."""

import re

from django.urls import reverse

from walletdesk.tickets.models import Message, Ticket


def test_confirmation_shows_in_the_console_without_the_link(client, agent_client):
    response = client.post(
        reverse("portal:submit"),
        {"category": "technical", "description": "USDT missing", "email": "sam@example.com"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    token = response.context["token"]
    ticket = Ticket.objects.get()
    stored = Message.objects.get(ticket=ticket, direction="outbound")
    assert token not in stored.body_text  # the outbox sends what is stored: a signed link
    signed = re.search(r"\?link=(\S+)", stored.body_text).group(1)
    body = agent_client.get(reverse("console:ticket", args=[ticket.id])).content.decode()
    assert f"/track/{ticket.number}/?link=…" in body
    assert signed not in body and token not in body
    assert signed in Message.objects.get(id=stored.id).body_text  # only hidden, never saved
