"""Saved views: an agent names a filtered queue and gets it back in the sidebar."""

from django.urls import reverse

from tests import factories
from walletdesk.console.models import SavedView


def test_save_a_view_and_open_it(agent_client, agent):
    response = agent_client.post(
        reverse("console:view_save"),
        {"name": "Urgent TRON", "queue": "unassigned", "priority": "urgent", "chain": "tron"},
    )
    view = SavedView.objects.get(agent=agent)
    assert view.params == {"queue": "unassigned", "priority": "urgent", "chain": "tron"}
    assert response.status_code == 302 and "priority=urgent" in response.url
    page = agent_client.get(reverse("console:queue")).content.decode()
    assert "Urgent TRON" in page


def test_saving_again_under_the_same_name_replaces(agent_client, agent):
    for priority in ("high", "urgent"):
        agent_client.post(reverse("console:view_save"), {"name": "Mine", "priority": priority})
    assert SavedView.objects.get(agent=agent).params == {"priority": "urgent"}


def test_views_are_private_to_their_agent(agent_client, desk):
    other = factories.agent("anna", teams=[desk])
    view = SavedView.objects.create(agent=other, name="Anna's", params={"queue": "mine"})
    agent_client.post(reverse("console:view_delete", args=[view.id]))
    assert SavedView.objects.filter(id=view.id).exists()
    assert "Anna&#x27;s" not in agent_client.get(reverse("console:queue")).content.decode()


def test_a_view_needs_a_name(agent_client, agent):
    agent_client.post(reverse("console:view_save"), {"name": " ", "priority": "high"})
    assert not SavedView.objects.exists()
