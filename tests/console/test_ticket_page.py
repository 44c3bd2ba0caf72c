"""The ticket page: timeline, SLA badges, customer panel; access; constant queries."""

from django.urls import reverse

from tests import factories
from walletdesk.tickets.services import customer_message_add, note_add, reply_send


def test_timeline_shows_messages_notes_and_events_in_order(agent_client, agent):
    ticket, _ = factories.ticket(body="我的USDT没有到账")
    note_add(ticket=ticket, agent=agent, body="checking the chain")
    reply_send(ticket=ticket, agent=agent, body="We are looking into it.")
    customer_message_add(ticket=ticket, body="thanks", channel="app")
    body = agent_client.get(reverse("console:ticket", args=[ticket.id])).content.decode()
    order = [
        body.index(s)
        for s in ("我的USDT没有到账", "checking the chain", "We are looking", "thanks")
    ]
    assert order == sorted(order)
    assert 'class="msg note"' in body
    assert "Ticket created" in body


def test_running_sla_targets_carry_their_due_time_for_the_countdown(agent_client):
    ticket, _ = factories.ticket()
    body = agent_client.get(reverse("console:ticket", args=[ticket.id])).content.decode()
    target = ticket.sla_targets.get(kind="first_response")
    assert f'data-due="{target.due_at.isoformat()}"' in body


def test_customer_panel_shows_identity_addresses_and_previous_tickets(agent_client):
    customer = factories.customer("app-42")
    old, _ = factories.ticket(customer, subject="Old question")
    ticket, _ = factories.ticket(
        customer, addresses=[("tron", "TJRabPrwbZy45sbavfcjinPJC18kjpRTv8")]
    )
    body = agent_client.get(reverse("console:ticket", args=[ticket.id])).content.decode()
    assert "ap***" in body  # masked for an agent (guard.masking)
    assert "app-42" not in body
    assert "TJRabPrwbZy45sbavfcjinPJC18kjpRTv8" in body
    assert old.number in body


def test_ticket_of_another_team_is_not_found(agent_client):
    experts = factories.team("experts", kind="experts")
    ticket, _ = factories.ticket()
    ticket.team, ticket.assignee = experts, None
    ticket.save()
    assert agent_client.get(reverse("console:ticket", args=[ticket.id])).status_code == 404
    assert agent_client.get(reverse("console:ticket", args=[999999])).status_code == 404


def test_ticket_page_query_count_does_not_grow_with_history(
    agent_client, agent, django_assert_max_num_queries
):
    ticket, _ = factories.ticket()
    with django_assert_max_num_queries(20) as few:
        agent_client.get(reverse("console:ticket", args=[ticket.id]))
    for i in range(8):
        note_add(ticket=ticket, agent=agent, body=f"note {i}")
        customer_message_add(ticket=ticket, body=f"more {i}", channel="app")
    factories.ticket(ticket.customer)
    with django_assert_max_num_queries(len(few.captured_queries)):
        agent_client.get(reverse("console:ticket", args=[ticket.id]))
