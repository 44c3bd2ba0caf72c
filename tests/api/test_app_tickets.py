"""The wallet app's backend creates and follows tickets with its API key."""

import pytest

from tests import factories as f
from tests.api.conftest import new_ticket_payload
from walletdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db


def post(app, payload, **headers):
    return app.post("/api/v1/tickets", payload, content_type="application/json", headers=headers)


def test_create_ticket_returns_number_and_private_token(app, desk):
    response = post(app, new_ticket_payload())
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["number"].startswith("WD-") and body["status"] == "new"
    assert body["access_token"] in body["tracking_url"]
    ticket = Ticket.objects.get(number=body["number"])
    assert ticket.language == "zh-hans" and ticket.chain == "tron" and ticket.channel == "app"
    assert ticket.metadata["app_version"] == "5.2.1"
    assert ticket.customer.addresses.get().address == "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
    assert ticket.team == desk["frontline"]


def test_idempotency_key_returns_first_response_and_one_ticket(app, desk):
    first = post(app, new_ticket_payload(), **{"Idempotency-Key": "k-1"})
    again = post(app, new_ticket_payload(), **{"Idempotency-Key": "k-1"})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Ticket.objects.count() == 1


def test_idempotency_key_reused_with_other_body_is_refused(app, desk):
    post(app, new_ticket_payload(), **{"Idempotency-Key": "k-2"})
    other = post(app, new_ticket_payload(subject="different"), **{"Idempotency-Key": "k-2"})
    assert other.status_code == 409
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    assert Ticket.objects.count() == 1


def test_list_read_and_add_message_for_own_user(app, desk):
    number = post(app, new_ticket_payload()).json()["number"]
    listing = app.get("/api/v1/tickets", {"app_user_id": "u-1001"})
    assert [t["number"] for t in listing.json()["items"]] == [number]
    detail = app.get(f"/api/v1/tickets/{number}", {"app_user_id": "u-1001"}).json()
    assert [e["kind"] for e in detail["timeline"]] == ["created"]
    added = app.post(
        f"/api/v1/tickets/{number}/messages",
        {"app_user_id": "u-1001", "body": "还在吗"},
        content_type="application/json",
    )
    assert added.status_code == 201
    assert [m["body"] for m in added.json()["messages"]][-1] == "还在吗"


def test_other_users_ticket_is_not_found(app, desk):
    number = post(app, new_ticket_payload()).json()["number"]
    post(app, new_ticket_payload(customer={"app_user_id": "u-2002"}))
    response = app.get(f"/api/v1/tickets/{number}", {"app_user_id": "u-2002"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_list_is_keyset_paginated(app, desk):
    numbers = [post(app, new_ticket_payload(subject=f"q{i}")).json()["number"] for i in range(5)]
    page1 = app.get("/api/v1/tickets", {"app_user_id": "u-1001", "limit": 2}).json()
    page2 = app.get(
        "/api/v1/tickets", {"app_user_id": "u-1001", "limit": 2, "cursor": page1["next_cursor"]}
    ).json()
    page3 = app.get(
        "/api/v1/tickets", {"app_user_id": "u-1001", "limit": 2, "cursor": page2["next_cursor"]}
    ).json()
    seen = [t["number"] for p in (page1, page2, page3) for t in p["items"]]
    assert seen == list(reversed(numbers)) and page3["next_cursor"] is None


def test_missing_scope_is_forbidden(desk):
    from django.test import Client

    _client, key = f.app_client(scopes=["tickets:read"])
    response = Client(headers={"Authorization": f"Bearer {key}"}).post(
        "/api/v1/tickets", new_ticket_payload(), content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "missing_scope"


def test_customer_token_gives_customer_access(app, desk):
    number = post(app, new_ticket_payload()).json()["number"]
    issued = app.post(
        "/api/v1/customer-tokens",
        {"customer": {"app_user_id": "u-1001"}},
        content_type="application/json",
    )
    assert issued.status_code == 201
    from django.test import Client

    customer = Client(headers={"Authorization": f"Bearer {issued.json()['token']}"})
    mine = customer.get("/api/v1/customer/tickets").json()
    assert [t["number"] for t in mine["items"]] == [number]
