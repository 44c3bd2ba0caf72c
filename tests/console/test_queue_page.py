"""The queue page: queues, filters, search, counts, keyset pagination, constant queries."""

import re

from django.urls import reverse

from tests import factories
from walletdesk.console.views import queues
from walletdesk.tickets.services import ticket_assign, ticket_transition


def numbers(response) -> list[str]:
    return re.findall(r"WD-\d{4}-\d{6}", response.content.decode())


def test_open_queue_lists_visible_tickets_newest_first(agent_client, agent):
    first, _ = factories.ticket(subject="First")
    second, _ = factories.ticket(subject="Second")
    other_team = factories.team("experts", kind="experts")
    hidden, _ = factories.ticket(subject="Hidden")
    hidden.team = other_team
    hidden.assignee = None
    hidden.save()
    found = numbers(agent_client.get(reverse("console:queue")))
    assert found.index(second.number) < found.index(first.number)
    assert hidden.number not in found


def test_search_by_number_and_subject(agent_client):
    wanted, _ = factories.ticket(subject="Withdrawal stuck")
    other, _ = factories.ticket(subject="Cannot log in")
    by_subject = numbers(agent_client.get(reverse("console:queue"), {"q": "withdrawal"}))
    assert by_subject == [wanted.number]
    by_number = numbers(agent_client.get(reverse("console:queue"), {"q": other.number.lower()}))
    assert by_number == [other.number]


def test_filters_by_priority_and_ignores_unknown_values(agent_client):
    urgent, _ = factories.ticket(priority="urgent")
    normal, _ = factories.ticket(priority="normal")
    only_urgent = numbers(agent_client.get(reverse("console:queue"), {"priority": "urgent"}))
    assert only_urgent == [urgent.number]
    both = numbers(agent_client.get(reverse("console:queue"), {"priority": "bogus"}))
    assert set(both) == {urgent.number, normal.number}


def test_counts_per_queue_come_as_json(agent_client, agent):
    mine, _ = factories.ticket()
    ticket_assign(ticket=mine, agent=agent, actor=agent)
    waiting, _ = factories.ticket()
    ticket_assign(ticket=waiting, agent=None, actor=agent)
    ticket_transition(ticket=waiting, to="pending", actor=agent)
    counts = agent_client.get(reverse("console:queue_counts")).json()
    assert counts["mine"] == 1
    assert counts["pending"] == 1
    assert counts["unassigned"] == 1
    assert counts["open"] == 1


def test_keyset_pagination_walks_every_ticket_once(agent_client, monkeypatch):
    monkeypatch.setattr(queues, "PAGE_SIZE", 2)
    created = [factories.ticket()[0].number for _ in range(5)]
    seen, url = [], reverse("console:queue") + "?queue=all"
    for _ in range(5):
        response = agent_client.get(url)
        seen += [t.number for t in response.context["tickets"]]
        if not response.context["next_url"]:
            break
        url = reverse("console:queue") + response.context["next_url"]
    assert seen == list(reversed(created))


def test_load_more_with_htmx_returns_rows_only(agent_client, monkeypatch):
    monkeypatch.setattr(queues, "PAGE_SIZE", 1)
    factories.ticket()
    factories.ticket()
    first = agent_client.get(reverse("console:queue"))
    more = agent_client.get(
        reverse("console:queue") + first.context["next_url"], HTTP_HX_REQUEST="true"
    )
    body = more.content.decode()
    assert "<tr" in body and "<html" not in body


def test_bad_cursor_falls_back_to_first_page(agent_client):
    ticket, _ = factories.ticket()
    response = agent_client.get(reverse("console:queue"), {"cursor": "not-a-cursor"})
    assert numbers(response) == [ticket.number]


def test_sort_by_sla_due(agent_client):
    factories.ticket(category="security")  # 10-minute first response: due first
    slow, _ = factories.ticket()
    response = agent_client.get(reverse("console:queue"), {"sort": "sla_due"})
    dues = [t.sla_due_at for t in response.context["tickets"]]
    assert dues == sorted(dues)
    assert response.context["tickets"][-1].number == slow.number


def test_queue_page_query_count_does_not_grow_with_tickets(
    agent_client, django_assert_max_num_queries
):
    for _ in range(3):
        factories.ticket()
    with django_assert_max_num_queries(12) as few:
        agent_client.get(reverse("console:queue"))
    for _ in range(20):
        factories.ticket()
    with django_assert_max_num_queries(len(few.captured_queries)):
        agent_client.get(reverse("console:queue"))
