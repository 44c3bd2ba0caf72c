"""A ticket's access token is handed to its customer and stored in no row: not by the portal
(confirmation e-mail, sessions), not by the app API's idempotent answers (alone or in a
batch; replays still give it back), not by the scam-report API."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from tests import factories as f
from tests.api.conftest import new_ticket_payload
from tests.guard import leakcheck
from walletdesk.api.schemas import TicketCreateIn
from walletdesk.api.services import customer_token_issue
from walletdesk.api.ticket_batches import CreateRequest, create_batch
from walletdesk.inbox.models import Delivery
from walletdesk.inbox.services.outbox import outbound_build


@pytest.fixture
def desk(db, settings):
    settings.ROOT_URLCONF = "walletdesk.config.urls"
    f.default_policies()
    f.team("frontline")


def everything_stored() -> str:
    """Every row (raw SQL, JSON decoded), sessions decoded, and what the outbox would send."""
    rows = leakcheck.database_text().values()
    data = Session.objects.values_list("session_data", flat=True)
    sessions = [repr(SessionStore().decode(value)) for value in data]
    sends = [repr(outbound_build(d)) for d in Delivery.objects.all()]
    return "\n".join([*rows, *sessions, *sends])


def via_portal() -> tuple[str, str]:
    browser = Client()
    response = browser.post(
        reverse("portal:submit"),
        {"category": "technical", "description": "USDT missing", "email": "sam@example.com"},
    )
    token = response.context["token"]
    number = response.context["ticket"].number
    browser.get(reverse("portal:track", args=[number]), {"token": token})
    Client().post(reverse("portal:track_lookup"), {"number": number, "token": token})
    return number, token


def via_api(key: str) -> tuple[str, str]:
    app = Client(headers={"Authorization": f"Bearer {f.app_client()[1]}"})
    payload = new_ticket_payload(customer={"app_user_id": f"u-{key}", "language": "en"})
    post = app.post(
        "/api/v1/tickets", payload, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
    )
    body = post.json()
    replay = app.post(
        "/api/v1/tickets", payload, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
    )
    assert replay.json()["access_token"] == body["access_token"]  # replays still answer it
    return body["number"], body["access_token"]


def via_api_batch() -> list[tuple[str, str]]:
    client_row = f.app_client()[0]
    requests = [
        CreateRequest(
            client=client_row,
            key=f"batch-{n}",
            fingerprint=f"fp-{n}",
            payload=TicketCreateIn.model_validate(
                new_ticket_payload(customer={"app_user_id": f"b-{n}", "language": "en"})
            ),
        )
        for n in range(2)
    ]
    answers = [done.unwrap()[1] for done in create_batch(requests)]
    return [(a["number"], a["access_token"]) for a in answers]


def via_scam_report() -> tuple[str, str]:
    customer = f.customer()
    token = customer_token_issue(client=f.app_client()[0], customer=customer)
    api = Client(headers={"Authorization": f"Bearer {token}"})
    response = api.post(
        "/api/v1/customer/scam-reports",
        {"description": "fake support", "suspicious": "wa11etdesk.com"},
        content_type="application/json",
    )
    body = response.json()
    return body["number"], body["access_token"]


def test_no_access_token_is_stored_by_any_path_that_hands_one_out(desk):
    issued = [via_portal(), via_api("single"), *via_api_batch(), via_scam_report()]
    assert len({token for _number, token in issued}) == 5
    stored = everything_stored()
    assert [token for _number, token in issued if token in stored] == []
    assert all(number in stored for number, _token in issued)  # the scan reads those rows
