"""GET /api/v1/agent/notifications and POST .../read: an agent's own notices only."""

import pytest
from django.test import Client

from tests import factories as f
from walletdesk.accounts.models import Notification
from walletdesk.accounts.services import notice_build, notifications_send

pytestmark = pytest.mark.django_db


def send(agent, n: int) -> None:
    notifications_send(
        notices=[
            notice_build(agent_id=agent.id, kind="assigned", data={"number": f"T{i}", "by": "X"})
            for i in range(n)
        ]
    )


@pytest.fixture
def alice(desk):
    return desk["agent"]


@pytest.fixture
def client(alice):
    return Client(headers={"Authorization": f"Bearer {f.agent_token(alice)}"})


def test_notices_come_newest_first_in_keyset_pages_with_the_unread_count(client, alice):
    send(alice, 5)
    first = client.get("/api/v1/agent/notifications", {"limit": 3}).json()
    assert [n["data"]["number"] for n in first["items"]] == ["T4", "T3", "T2"]
    assert first["unread"] == 5 and first["items"][0]["text"] == "X assigned T4 to you."
    rest = client.get(
        "/api/v1/agent/notifications", {"limit": 3, "before": first["next_before"]}
    ).json()
    assert [n["data"]["number"] for n in rest["items"]] == ["T1", "T0"]
    assert rest["next_before"] is None


def test_marking_read_by_id_and_all(client, alice):
    send(alice, 3)
    ids = [n["id"] for n in client.get("/api/v1/agent/notifications").json()["items"]]
    one = client.post(
        "/api/v1/agent/notifications/read", {"ids": ids[:1]}, content_type="application/json"
    ).json()
    assert one == {"marked": 1, "unread": 2}
    unread = client.get("/api/v1/agent/notifications", {"unread": "true"}).json()["items"]
    assert [n["id"] for n in unread] == ids[1:]
    everything = client.post(
        "/api/v1/agent/notifications/read", {"ids": None}, content_type="application/json"
    ).json()
    assert everything == {"marked": 2, "unread": 0}


def test_another_agents_notices_are_neither_listed_nor_marked(client, alice, desk):
    bob = f.agent("bob", teams=[desk["frontline"]])
    send(bob, 2)
    assert client.get("/api/v1/agent/notifications").json()["items"] == []
    bobs = list(Notification.objects.filter(agent=bob).values_list("id", flat=True))
    marked = client.post(
        "/api/v1/agent/notifications/read", {"ids": bobs}, content_type="application/json"
    ).json()
    assert marked["marked"] == 0
    assert Notification.objects.filter(agent=bob, read_at__isnull=True).count() == 2
