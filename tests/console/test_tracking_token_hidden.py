"""Agents see the portal's confirmation e-mail in the timeline without the customer's token."""

from django.urls import reverse

from walletdesk.tickets.models import Message, Ticket


def test_confirmation_shows_in_the_console_without_the_token(client, agent_client):
    response = client.post(
        reverse("portal:submit"),
        {"category": "technical", "description": "USDT missing", "email": "sam@example.com"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    token = response.context["token"]
    ticket = Ticket.objects.get()
    stored = Message.objects.get(ticket=ticket, direction="outbound")
    assert token in stored.body_text  # the outbox sends what is stored
    body = agent_client.get(reverse("console:ticket", args=[ticket.id])).content.decode()
    assert f"/track/{ticket.number}/?token=…" in body
    assert token not in body
    assert token in Message.objects.get(id=stored.id).body_text  # only hidden, never saved
