"""Admins configure SLA policies, calendars, teams, agents' shifts and routing rules in the
Django admin; ticket creation follows the change at once."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests import factories
from walletdesk.tickets.models import RoutingRule

PAGES = ("slapolicy", "routingrule"), ("businesscalendar", "team", "agent")


@pytest.fixture
def admin_client(client, desk):
    user = get_user_model().objects.create_superuser("root", "root@example.com", "pw-root-123")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("app", "model"),
    [("tickets", m) for m in PAGES[0]] + [("accounts", m) for m in PAGES[1]],
)
def test_admin_lists_and_add_forms_open(admin_client, app, model):
    assert admin_client.get(reverse(f"admin:{app}_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:{app}_{model}_add")).status_code == 200


def test_a_routing_rule_added_in_the_admin_routes_the_next_ticket(admin_client, desk):
    chain_team = factories.team("chain-desk")
    response = admin_client.post(
        reverse("admin:tickets_routingrule_add"),
        {
            "name": "TRON to security",
            "position": 1,
            "is_active": "on",
            **dict.fromkeys(("categories", "intents", "languages", "channels"), "[]"),
            "chains": '["tron"]',
            "required_skills": "[]",
            "team": chain_team.id,
            "set_priority": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert RoutingRule.objects.get(name="TRON to security").chains == ["tron"]
    ticket, _ = factories.ticket(chain="tron")
    assert ticket.team_id == chain_team.id


def test_agents_who_are_not_staff_cannot_open_the_admin(client, agent):
    client.force_login(agent.user)
    response = client.get(reverse("admin:tickets_slapolicy_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
