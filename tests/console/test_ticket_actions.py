"""Ticket actions posted from the ticket page (htmx): each calls its service and re-renders."""

from django.urls import reverse

from tests import factories
from walletdesk.tickets.models import Message, Ticket

HTMX = {"HTTP_HX_REQUEST": "true"}


def act(client, ticket, action, **data):
    return client.post(reverse("console:action", args=[ticket.id, action]), data, **HTMX)


def test_reply_sends_a_public_message_and_can_set_pending(agent_client):
    ticket, _ = factories.ticket()
    response = act(agent_client, ticket, "reply", body="Please send the tx hash.", status="pending")
    assert response.status_code == 200
    assert 'id="ticket-body"' in response.content.decode()
    assert "<html" not in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.status == "pending"
    assert ticket.messages.filter(direction="outbound", body_text__startswith="Please").exists()


def test_empty_reply_is_refused_with_a_message(agent_client):
    ticket, _ = factories.ticket()
    response = act(agent_client, ticket, "reply", body="   ")
    assert 'role="alert"' in response.content.decode()
    assert not ticket.messages.filter(direction="outbound").exists()


def test_note_is_internal(agent_client):
    ticket, _ = factories.ticket()
    act(agent_client, ticket, "note", body="Looks like phishing")
    assert ticket.messages.get(direction=Message.Direction.NOTE).body_text == "Looks like phishing"


def test_take_and_assign(agent_client, agent, desk):
    colleague = factories.agent("anna", teams=[desk])
    ticket, _ = factories.ticket()
    act(agent_client, ticket, "assign", assignee=colleague.id)
    assert Ticket.objects.get(id=ticket.id).assignee == colleague
    act(agent_client, ticket, "take")
    assert Ticket.objects.get(id=ticket.id).assignee == agent


def test_transition_follows_the_workflow(agent_client):
    ticket, _ = factories.ticket()
    act(agent_client, ticket, "transition", to="resolved")
    assert Ticket.objects.get(id=ticket.id).status == "resolved"
    response = act(agent_client, ticket, "transition", to="pending")
    assert 'role="alert"' in response.content.decode()
    assert Ticket.objects.get(id=ticket.id).status == "resolved"


def test_escalate_to_another_team(agent_client):
    security = factories.team("security", kind="security")
    ticket, _ = factories.ticket()
    act(agent_client, ticket, "escalate", team=security.id, reason="possible drain")
    ticket.refresh_from_db()
    assert ticket.team == security
    assert ticket.priority == "urgent"


def test_tags_triage_link_and_merge(agent_client):
    ticket, _ = factories.ticket()
    other, _ = factories.ticket(ticket.customer)
    act(agent_client, ticket, "tags", add="TRON, 到账")
    assert sorted(ticket.tags.values_list("name", flat=True)) == ["tron", "到账"]
    act(agent_client, ticket, "triage", priority="high", category="technical")
    assert Ticket.objects.get(id=ticket.id).priority == "high"
    act(agent_client, ticket, "link", number=other.number, kind="related")
    assert ticket.links_out.filter(target=other, kind="related").exists()
    act(agent_client, ticket, "merge", number=other.number)
    ticket.refresh_from_db()
    assert ticket.merged_into == other and ticket.status == "closed"


def test_unknown_action_and_foreign_ticket_are_not_found(agent_client):
    ticket, _ = factories.ticket()
    assert act(agent_client, ticket, "explode").status_code == 404
    experts = factories.team("experts", kind="experts")
    ticket.team, ticket.assignee = experts, None
    ticket.save()
    assert act(agent_client, ticket, "note", body="x").status_code == 404


def test_without_htmx_an_action_redirects_back(agent_client):
    ticket, _ = factories.ticket()
    response = agent_client.post(
        reverse("console:action", args=[ticket.id, "note"]), {"body": "plain form"}
    )
    assert response.status_code == 302
    assert response.url == reverse("console:ticket", args=[ticket.id])


def test_the_customer_segment_is_set_by_hand_and_handed_back(agent_client):
    ticket, _ = factories.ticket()
    page = act(agent_client, ticket, "segment", segment="pro").content.decode()
    ticket.customer.refresh_from_db()
    assert ticket.customer.segment == "pro" and ticket.customer.segment_set_by_agent
    assert 'value="pro" selected' in page
    act(agent_client, ticket, "segment", segment="auto")
    ticket.customer.refresh_from_db()
    assert ticket.customer.segment == "novice" and not ticket.customer.segment_set_by_agent
    refused = act(agent_client, ticket, "segment", segment="whale").content.decode()
    assert 'role="alert"' in refused
