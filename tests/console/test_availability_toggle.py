"""An agent sets themselves away in the console header; routing then gives them no new ticket
until they are back."""

from django.urls import reverse

from tests import factories
from walletdesk.accounts.models import Agent


def toggle(client, available: bool):
    return client.post(
        reverse("console:availability"),
        {"available": "1" if available else "0"},
        HTTP_HX_REQUEST="true",
    )


def test_away_agent_gets_no_new_ticket_until_back(agent_client, agent):
    assert factories.ticket()[0].assignee_id == agent.id

    response = toggle(agent_client, available=False)
    assert response.status_code == 200
    assert "I am back" in response.content.decode()
    assert Agent.objects.get(id=agent.id).is_available is False
    assert factories.ticket()[0].assignee_id is None

    response = toggle(agent_client, available=True)
    assert "Set me away" in response.content.decode()
    assert factories.ticket()[0].assignee_id == agent.id


def test_header_shows_the_toggle_in_the_agents_language(agent_client, agent):
    page = agent_client.get(reverse("console:queue")).content.decode()
    assert 'id="availability"' in page and "csrfmiddlewaretoken" in page
    toggle(agent_client, available=False)
    zh = agent_client.get(reverse("console:queue"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "我回来了" in zh


def test_toggle_needs_a_post(agent_client):
    assert agent_client.get(reverse("console:availability")).status_code == 405


def test_without_htmx_the_toggle_redirects_to_the_queue(agent_client, agent):
    response = agent_client.post(reverse("console:availability"), {"available": "0"})
    assert response.status_code == 302
    assert Agent.objects.get(id=agent.id).is_available is False
