"""Customers follow, answer and rate their ticket with its number and private token."""

import pytest
from django.test import Client

from tests import factories as f
from tests.api.conftest import new_ticket_payload
from walletdesk.tickets import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def created(app, desk):
    return app.post("/api/v1/tickets", new_ticket_payload(), content_type="application/json").json()


def customer(token):
    return Client(headers={"X-Ticket-Token": token})


def test_progress_with_token_hides_internal_history(created, desk):
    from walletdesk.tickets.models import Ticket

    ticket = Ticket.objects.get(number=created["number"])
    services.note_add(ticket=ticket, agent=desk["agent"], body="internal only")
    services.reply_send(ticket=ticket, agent=desk["agent"], body="请提供哈希", status="pending")
    progress = (
        customer(created["access_token"])
        .get(f"/api/v1/customer/tickets/{created['number']}")
        .json()
    )
    assert [m["body"] for m in progress["messages"]] == [new_ticket_payload()["body"], "请提供哈希"]
    kinds = [e["kind"] for e in progress["timeline"]]
    assert "note_added" not in kinds and "assigned" not in kinds
    assert {"created", "agent_replied", "status_changed"} <= set(kinds)


def test_wrong_token_and_unknown_ticket_look_the_same(created):
    wrong = customer("not-the-token").get(f"/api/v1/customer/tickets/{created['number']}")
    absent = customer(created["access_token"]).get("/api/v1/customer/tickets/WD-2026-999999")
    assert wrong.status_code == absent.status_code == 404
    assert wrong.json() == absent.json()


def test_reply_reopens_and_rating_after_resolution(created, desk):
    from walletdesk.tickets.models import Ticket

    ticket = Ticket.objects.get(number=created["number"])
    services.reply_send(ticket=ticket, agent=desk["agent"], body="done", status="resolved")
    me = customer(created["access_token"])
    rated = me.post(
        f"/api/v1/customer/tickets/{created['number']}/rating",
        {"score": 5, "comment": "快"},
        content_type="application/json",
    )
    assert rated.status_code == 201 and rated.json()["can_rate"] is False
    again = me.post(
        f"/api/v1/customer/tickets/{created['number']}/messages",
        {"body": "又出问题了"},
        content_type="application/json",
    )
    assert again.json()["status"] == "open"


def test_rating_out_of_range_is_rejected(created):
    response = customer(created["access_token"]).post(
        f"/api/v1/customer/tickets/{created['number']}/rating",
        {"score": 9},
        content_type="application/json",
    )
    assert response.status_code == 422


def test_no_credentials_is_401(created):
    assert Client().get(f"/api/v1/customer/tickets/{created['number']}").status_code == 401


def test_expired_or_forged_customer_token_is_refused(created, settings):
    forged = Client(headers={"Authorization": "Bearer wdc_eyJjIjoxfQ:forged:sig"})
    assert forged.get("/api/v1/customer/tickets").status_code == 401
    assert f.customer() is not None
