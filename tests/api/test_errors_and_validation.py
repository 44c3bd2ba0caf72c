"""Bad input gets a clear JSON error with a stable code, and nothing is stored."""

import pytest

from tests.api.conftest import new_ticket_payload
from walletdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db


def post_raw(app, data: bytes | str, content_type="application/json"):
    return app.post("/api/v1/tickets", data, content_type=content_type)


def test_unknown_field_is_rejected(app, desk):
    response = app.post(
        "/api/v1/tickets", new_ticket_payload(secret_flag=True), content_type="application/json"
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_input"
    assert any(d["field"] == "secret_flag" for d in error["details"])
    assert not Ticket.objects.exists()


@pytest.mark.parametrize(
    "override, field",
    [
        ({"subject": ""}, "subject"),
        ({"subject": "x" * 201}, "subject"),
        ({"intent": "make_me_rich"}, "intent"),
        ({"category": "gossip"}, "category"),
        ({"chain": "solana"}, "chain"),
        ({"addresses": ["not an address!"]}, "addresses"),
        ({"customer": {"app_user_id": "bad id with spaces"}}, "customer.app_user_id"),
    ],
)
def test_invalid_values_name_the_field(app, desk, override, field):
    response = app.post(
        "/api/v1/tickets", new_ticket_payload(**override), content_type="application/json"
    )
    assert response.status_code == 422
    assert any(d["field"].startswith(field) for d in response.json()["error"]["details"])


def test_broken_json_is_a_clear_400(app, desk):
    response = post_raw(app, b'{"subject": "oops",')
    assert response.status_code in (400, 422)
    assert response.json()["error"]["code"] in ("bad_request", "invalid_input")
    assert not Ticket.objects.exists()


def test_oversized_body_is_413(app, desk, settings):
    settings.MAX_REQUEST_BYTES = 2048
    response = app.post(
        "/api/v1/tickets", new_ticket_payload(body="x" * 5000), content_type="application/json"
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"


def test_missing_or_wrong_key_is_401(desk):
    from django.test import Client

    anonymous = Client().post(
        "/api/v1/tickets", new_ticket_payload(), content_type="application/json"
    )
    forged = Client(headers={"Authorization": "Bearer wdk_abc.def"}).post(
        "/api/v1/tickets", new_ticket_payload(), content_type="application/json"
    )
    assert anonymous.status_code == forged.status_code == 401
    assert forged.json()["error"]["code"] == "unauthenticated"


def test_openapi_document_is_served(client, db):
    doc = client.get("/api/v1/openapi.json").json()
    assert doc["info"]["title"] == "Walletdesk API"
    assert "/api/v1/tickets" in doc["paths"]
    assert "/api/v1/agent/tickets/{ticket_id}/escalate" in doc["paths"]
