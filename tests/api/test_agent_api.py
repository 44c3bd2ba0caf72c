"""Agents work tickets through /api/v1/agent with a personal token or their session."""

import pytest
from django.test import Client

from tests import factories as f
from walletdesk.accounts.models import Team
from walletdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent_client(desk):
    return Client(headers={"Authorization": f"Bearer {f.agent_token(desk['agent'])}"})


def act(client, ticket, action, payload, method="post"):
    call = getattr(client, method)
    return call(
        f"/api/v1/agent/tickets/{ticket.id}/{action}", payload, content_type="application/json"
    )


def test_queue_lists_team_tickets_with_keyset_pages(
    agent_client, desk, django_assert_max_num_queries
):
    tickets = [f.ticket()[0] for _ in range(7)]
    with django_assert_max_num_queries(12):
        first = agent_client.get("/api/v1/agent/queues/open", {"limit": 3}).json()
    second = agent_client.get(
        "/api/v1/agent/queues/open", {"limit": 3, "cursor": first["next_cursor"]}
    ).json()
    third = agent_client.get(
        "/api/v1/agent/queues/open", {"limit": 3, "cursor": second["next_cursor"]}
    ).json()
    seen = [i["number"] for page in (first, second, third) for i in page["items"]]
    assert seen == [t.number for t in reversed(tickets)]
    assert third["next_cursor"] is None


def test_queue_query_count_does_not_grow_with_page_size(agent_client, desk):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(30):
        f.ticket()[0].tags.create(name=f"tag{i}")
    agent_client.get("/api/v1/agent/queues/all", {"limit": 1})  # records the token's last use
    counts = []
    for limit in (5, 30):
        with CaptureQueriesContext(connection) as ctx:
            agent_client.get("/api/v1/agent/queues/all", {"limit": limit})
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_queue_filters_and_sla_sort(agent_client, desk):
    f.ticket(priority="high")
    f.ticket(priority="low")
    high = agent_client.get("/api/v1/agent/queues/open", {"priority": "high"}).json()["items"]
    assert [i["priority"] for i in high] == ["high"]
    by_due = agent_client.get("/api/v1/agent/queues/open", {"sort": "sla_due"}).json()["items"]
    dues = [i["sla_due_at"] for i in by_due]
    assert dues == sorted(dues)


def test_reply_note_transition_and_detail(agent_client, desk):
    ticket, _ = f.ticket()
    replied = act(agent_client, ticket, "replies", {"body": "请提供交易哈希", "status": "pending"})
    assert replied.status_code == 201
    noted = act(agent_client, ticket, "notes", {"body": "likely OUT_OF_ENERGY"})
    detail = noted.json()
    assert detail["status"] == "pending"
    assert [m["internal"] for m in detail["messages"]] == [False, False, True]
    assert {s["kind"] for s in detail["sla"]} >= {"first_response", "resolution"}
    assert detail["customer_panel"]["segment"] in ("novice", "regular", "pro")
    moved = act(agent_client, ticket, "transition", {"to": "resolved"})
    assert moved.json()["status"] == "resolved"
    bad = act(agent_client, ticket, "transition", {"to": "new"})
    assert bad.status_code == 409 and bad.json()["error"]["code"] == "invalid_transition"


def test_escalate_merge_link_tag_triage(agent_client, desk):
    experts = f.team("experts", Team.Kind.EXPERTS)
    f.agent("bob", teams=[experts])
    a, _ = f.ticket()
    b, _ = f.ticket()
    escalated = act(
        agent_client, a, "escalate", {"team_id": experts.id, "reason": "needs chain analysis"}
    )
    assert escalated.json()["team"] == "Experts"
    tagged = act(agent_client, b, "tags", {"add": ["USDT"], "remove": []})
    assert tagged.json()["tags"] == ["usdt"]
    triaged = act(agent_client, b, "triage", {"priority": "urgent"}, method="patch")
    assert triaged.json()["priority"] == "urgent"
    c, _ = f.ticket()
    linked = act(agent_client, c, "links", {"target": b.number, "kind": "related"})
    assert linked.status_code == 200
    merged = act(agent_client, c, "merge", {"into": b.number})
    assert merged.json()["number"] == b.number
    assert Ticket.objects.get(id=c.id).merged_into_id == b.id


def test_agent_cannot_see_other_teams_tickets(desk):
    security = f.team("security", Team.Kind.SECURITY)
    f.agent("carol", teams=[security])
    secret, _ = f.ticket(intent="seed_phrase_exposed")
    outsider = Client(headers={"Authorization": f"Bearer {f.agent_token(desk['agent'])}"})
    response = outsider.get(f"/api/v1/agent/tickets/{secret.id}")
    assert response.status_code == 404
    queue = outsider.get("/api/v1/agent/queues/all").json()["items"]
    assert secret.number not in [i["number"] for i in queue]


def test_session_auth_requires_csrf(desk):
    ticket, _ = f.ticket()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(desk["agent"].user)
    assert browser.get(f"/api/v1/agent/tickets/{ticket.id}").status_code == 200
    blocked = browser.post(
        f"/api/v1/agent/tickets/{ticket.id}/notes", {"body": "x"}, content_type="application/json"
    )
    assert blocked.status_code == 403


def test_unknown_queue_and_bad_cursor(agent_client, desk):
    assert agent_client.get("/api/v1/agent/queues/everything").status_code == 404
    bad = agent_client.get("/api/v1/agent/queues/open", {"cursor": "!!!"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_cursor"


def test_an_agent_sets_the_customer_segment_and_hands_it_back(agent_client, desk):
    ticket, _ = f.ticket()
    set_pro = act(agent_client, ticket, "customer/segment", {"segment": "pro"}, method="put")
    assert set_pro.status_code == 200
    assert set_pro.json()["customer_panel"]["segment"] == "pro"
    ticket.customer.refresh_from_db()
    assert ticket.customer.segment_set_by_agent
    derived = act(agent_client, ticket, "customer/segment", {"segment": None}, method="put")
    assert derived.json()["customer_panel"]["segment"] == "novice"
    wrong = act(agent_client, ticket, "customer/segment", {"segment": "whale"}, method="put")
    assert wrong.status_code == 422
