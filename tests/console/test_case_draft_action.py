"""From a resolved ticket's page an agent drafts a public case; an open ticket offers no such
button and the action refuses it."""

from tests import factories
from walletdesk.kb.models import PublishedCase
from walletdesk.tickets import services

ADDRESS = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"


def _resolved(agent):
    ticket, _ = factories.ticket(body=f"My 250 USDT to {ADDRESS} never arrived, I am Li Lei.")
    services.reply_send(
        ticket=ticket, agent=agent, body="OUT_OF_ENERGY: top up.", status="resolved"
    )
    return ticket


def test_resolved_ticket_becomes_a_draft_case(agent_client, agent):
    ticket = _resolved(agent)
    page = agent_client.get(f"/console/tickets/{ticket.id}/").content.decode()
    assert "/do/case_draft/" in page
    response = agent_client.post(
        f"/console/tickets/{ticket.id}/do/case_draft/", HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    case = PublishedCase.objects.get(ticket=ticket)
    assert case.status == PublishedCase.Status.DRAFT and case.drafted_by == agent
    assert ADDRESS not in case.body and "250" not in case.body


def test_open_ticket_has_no_button_and_is_refused(agent_client, agent):
    ticket, _ = factories.ticket()
    page = agent_client.get(f"/console/tickets/{ticket.id}/").content.decode()
    assert "/do/case_draft/" not in page
    response = agent_client.post(
        f"/console/tickets/{ticket.id}/do/case_draft/", HTTP_HX_REQUEST="true"
    )
    assert "Only a resolved or closed ticket" in response.content.decode()
    assert not PublishedCase.objects.exists()
