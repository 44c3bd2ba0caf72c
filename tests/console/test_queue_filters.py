"""Each queue filter of the issue (status, priority, category, intent, channel, language, chain,
tag, assignee, team, customer segment) keeps the matching ticket and drops the other, and the
queues list what their names say."""

import re

import pytest
from django.urls import reverse

from tests import factories
from walletdesk.accounts.models import Customer
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.services import ticket_tags_change

COLUMNS = [  # (query parameter and ticket column, wanted value, other value)
    ("status", "pending", "open"),
    ("priority", "high", "low"),
    ("category", "account", "technical"),
    ("intent", "withdrawal_delay", "login_problem"),
    ("channel", "email", "app"),
    ("language", "zh-hans", "en"),
    ("chain", "tron", "evm"),
]


@pytest.fixture
def boss_client(client, desk):
    """A supervisor: sees every team's tickets."""
    client.force_login(factories.agent("boss", teams=[desk], role="supervisor").user)
    return client


@pytest.fixture
def pair(db):
    wanted, _ = factories.ticket(subject="Wanted")
    other, _ = factories.ticket(subject="Other")
    return wanted, other


def found(client, **params) -> list[str]:
    page = client.get(reverse("console:queue"), {"queue": "all", **params})
    return re.findall(r"WD-\d{4}-\d{6}", page.content.decode())


@pytest.mark.parametrize(("column", "wanted_value", "other_value"), COLUMNS)
def test_a_column_filter_keeps_the_matching_ticket(
    boss_client, pair, column, wanted_value, other_value
):
    wanted, other = pair
    Ticket.objects.filter(id=wanted.id).update(**{column: wanted_value})
    Ticket.objects.filter(id=other.id).update(**{column: other_value})
    assert found(boss_client, **{column: wanted_value}) == [wanted.number]


def test_team_and_assignee_filters(boss_client, pair, desk):
    wanted, other = pair
    experts = factories.team("experts", kind="experts")
    li, anna = factories.agent("li", teams=[desk]), factories.agent("anna", teams=[desk])
    Ticket.objects.filter(id=wanted.id).update(team=experts, assignee=li)
    Ticket.objects.filter(id=other.id).update(team=desk, assignee=anna)
    assert found(boss_client, team=str(experts.id)) == [wanted.number]
    assert found(boss_client, assignee=str(li.id)) == [wanted.number]


def test_tag_and_customer_segment_filters(boss_client, pair, desk):
    wanted, other = pair
    tagger = factories.agent("tagger", teams=[desk])
    ticket_tags_change(ticket=wanted, add=["refund"], remove=[], actor=tagger)
    Customer.objects.filter(id=wanted.customer_id).update(segment="pro")
    Customer.objects.filter(id=other.customer_id).update(segment="novice")
    assert found(boss_client, tag="refund") == [wanted.number]
    assert found(boss_client, segment="pro") == [wanted.number]


@pytest.mark.parametrize(
    ("queue", "status"),
    [("open", "open"), ("pending", "pending"), ("on_hold", "on_hold"), ("resolved", "resolved")],
)
def test_status_queues(boss_client, pair, queue, status):
    wanted, other = pair
    Ticket.objects.filter(id=wanted.id).update(status=status)
    Ticket.objects.filter(id=other.id).update(status="closed" if queue != "resolved" else "open")
    assert found(boss_client, queue=queue) == [wanted.number]
