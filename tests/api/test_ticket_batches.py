"""API ticket creation in batches: the same tickets as one by one, in fewer statements."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import factories as f
from tests.api.conftest import new_ticket_payload
from walletdesk.api import ticket_batches
from walletdesk.api.models import IdempotencyRecord
from walletdesk.api.schemas import TicketCreateIn
from walletdesk.api.ticket_batches import REPLAY, CreateRequest, create_batch, submit
from walletdesk.core.errors import Conflict
from walletdesk.guard.sealing import unseal
from walletdesk.tickets.models import Message, SlaTarget, Ticket, TicketEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_row(db):
    return f.app_client()[0]


def request(client_row, key: str | None, **overrides) -> CreateRequest:
    payload = new_ticket_payload(**overrides)
    return CreateRequest(
        client=client_row,
        key=key,
        fingerprint=f"fp-{payload['subject']}-{payload['customer']['app_user_id']}",
        payload=TicketCreateIn.model_validate(payload),
    )


def user(n: int) -> dict:
    return {"app_user_id": f"batch-{n}", "language": "en"}


def test_a_batch_creates_complete_tickets_with_consecutive_numbers(desk, client_row):
    requests = [request(client_row, f"k{n}", customer=user(n)) for n in range(5)]
    outcomes = [d.unwrap() for d in create_batch(requests)]
    numbers = [body["number"] for _status, body in outcomes]
    assert [status for status, _ in outcomes] == [201] * 5
    assert [int(n[-6:]) for n in numbers] == list(
        range(int(numbers[0][-6:]), int(numbers[0][-6:]) + 5)
    )
    tickets = Ticket.objects.filter(number__in=numbers)
    assert tickets.count() == 5
    assert Message.objects.filter(ticket__in=tickets, direction="inbound").count() == 5
    assert SlaTarget.objects.filter(ticket__in=tickets).count() == 10
    assert TicketEvent.objects.filter(ticket__in=tickets, kind="created").count() == 5
    # each ticket belongs to its own requester, and its token opens it
    for n, (_status, body) in enumerate(outcomes):
        ticket = Ticket.objects.get(number=body["number"])
        assert ticket.customer.identities.get().value == f"batch-{n}"
        assert body["access_token"] in body["tracking_url"]


def test_a_batch_shares_agents_out_as_one_by_one_would(db, client_row):
    f.default_policies()
    frontline = f.team("frontline")
    alice, bob = f.agent("alice", teams=[frontline]), f.agent("bob", teams=[frontline])
    outcomes = create_batch([request(client_row, None, customer=user(n)) for n in range(4)])
    numbers = [d.unwrap()[1]["number"] for d in outcomes]
    assignees = [Ticket.objects.get(number=n).assignee_id for n in numbers]
    assert sorted(assignees) == sorted([alice.id, alice.id, bob.id, bob.id])
    assert TicketEvent.objects.filter(kind="assigned").count() == 4
    alice.refresh_from_db()
    assert alice.last_assigned_at is not None


def test_a_batch_costs_the_same_statements_whatever_its_size(desk, client_row):
    """For customers already known (a first contact adds the customer's own inserts) whose
    segment stays (a year-old account is a pro whatever its tickets)."""

    def old(n: int) -> dict:
        return {**user(n), "account_created_at": "2020-01-01T00:00:00Z"}

    create_batch([request(client_row, None, customer=old(n)) for n in range(8)])
    with CaptureQueriesContext(connection) as two:
        create_batch([request(client_row, f"a{n}", customer=old(n)) for n in range(2)])
    with CaptureQueriesContext(connection) as eight:
        create_batch([request(client_row, f"b{n}", customer=old(n)) for n in range(8)])
    assert len(eight.captured_queries) == len(two.captured_queries)


def test_the_same_key_twice_in_a_batch_makes_one_ticket_and_the_same_answer(desk, client_row):
    first, second = request(client_row, "dup"), request(client_row, "dup")
    outcomes = create_batch([first, second])
    assert outcomes[1].unwrap() is REPLAY
    assert ticket_batches.create_one(second) == outcomes[0].unwrap()
    assert Ticket.objects.count() == 1
    record = IdempotencyRecord.objects.get(key="dup")
    assert record.status_code == 201 and unseal(record.response) == outcomes[0].unwrap()[1]


def test_a_key_used_before_replays_and_a_reused_key_with_another_body_conflicts(desk, client_row):
    original = submit(request(client_row, "seen"))
    outcomes = create_batch(
        [
            request(client_row, "seen"),
            request(client_row, "seen-other", subject="other"),
            request(client_row, "fresh", customer=user(1)),
        ]
    )
    assert outcomes[0].unwrap() is REPLAY
    assert submit(request(client_row, "seen")) == original
    assert outcomes[1].unwrap()[0] == outcomes[2].unwrap()[0] == 201
    changed = CreateRequest(
        client=client_row,
        key="seen",
        fingerprint="another body",
        payload=request(client_row, "x").payload,
    )
    with pytest.raises(Conflict):
        submit(changed)
    assert Ticket.objects.count() == 3


def test_a_batch_of_retries_only_replays_and_creates_nothing(desk, client_row, caplog):
    """Every key was used before (a client retrying a whole burst): nothing to create, so no
    ticket numbers are drawn and the batch is not failed over to one-by-one creation."""
    first = [submit(request(client_row, f"retry-{n}", customer=user(n))) for n in range(3)]
    outcomes = create_batch([request(client_row, f"retry-{n}", customer=user(n)) for n in range(3)])
    assert [d.unwrap() for d in outcomes] == [REPLAY] * 3
    assert "failed" not in caplog.text
    assert [submit(request(client_row, f"retry-{n}", customer=user(n))) for n in range(3)] == first
    assert Ticket.objects.count() == 3


def test_one_failing_request_does_not_fail_the_others(desk, client_row, monkeypatch):
    """The batch is rolled back and each request is created on its own."""
    from walletdesk.api import intake

    real = intake.tickets_create

    def refuse_poison(*, drafts):
        if any(d.subject == "poison" for d in drafts):
            raise ValueError("cannot store this one")
        return real(drafts=drafts)

    monkeypatch.setattr(intake, "tickets_create", refuse_poison)
    outcomes = create_batch(
        [
            request(client_row, "p1", customer=user(1)),
            request(client_row, "p2", subject="poison", customer=user(2)),
            request(client_row, "p3", customer=user(3)),
        ]
    )
    assert outcomes[0].unwrap()[0] == outcomes[2].unwrap()[0] == 201
    with pytest.raises(ValueError, match="cannot store"):
        outcomes[1].unwrap()
    assert Ticket.objects.count() == 2
    # the failed request's key is not left claimed: a retry can still succeed
    assert not IdempotencyRecord.objects.filter(key="p2").exists()
    assert set(IdempotencyRecord.objects.values_list("key", flat=True)) == {"p1", "p3"}


def test_a_secret_in_one_request_of_a_batch_routes_only_that_ticket_to_security(db, client_row):
    f.default_policies()
    f.agent("alice", teams=[f.team("frontline")])
    f.agent("sam", teams=[f.team("security", kind="security")])
    key = "0x" + "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
    outcomes = create_batch(
        [
            request(client_row, None, customer=user(1)),
            request(client_row, None, customer=user(2), body=f"my private key is {key}"),
        ]
    )
    plain, exposed = (Ticket.objects.get(number=d.unwrap()[1]["number"]) for d in outcomes)
    assert plain.category != "security" and plain.priority == "normal"
    assert exposed.category == "security" and exposed.priority == "urgent"
    assert exposed.team.kind == "security"
    assert key[2:] not in exposed.messages.get(direction="inbound").body_text


@pytest.mark.django_db(transaction=True)
def test_concurrent_http_creations_each_get_their_own_ticket(on_postgres):
    """Threads posting at once through Django's handler: every request answered once, no
    ticket lost or doubled, whatever batches the requests fell into."""
    f.default_policies()
    f.agent("alice", teams=[f.team("frontline")])
    key = f.app_client()[1]
    barrier, answers, errors = threading.Barrier(8), {}, []

    def post(n: int) -> None:
        http = Client(headers={"Authorization": f"Bearer {key}"})
        barrier.wait()
        try:
            for i in range(5):
                body = new_ticket_payload(customer=user(n * 10 + i))
                response = http.post(
                    "/api/v1/tickets",
                    body,
                    content_type="application/json",
                    headers={"Idempotency-Key": f"c{n}-{i}"},
                )
                answers[(n, i)] = (response.status_code, response.json()["number"])
        except Exception as exc:  # reported below, the thread must not die silently
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert {status for status, _ in answers.values()} == {201}
    numbers = [number for _, number in answers.values()]
    assert len(numbers) == len(set(numbers)) == 40
    assert Ticket.objects.count() == 40
    assert IdempotencyRecord.objects.filter(status_code=201).count() == 40
