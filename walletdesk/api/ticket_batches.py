"""POST /api/v1/tickets under load: concurrent creations in one process share a transaction.

Each request becomes a `CreateRequest`; `submit` runs it through the process's group commit
(walletdesk.core.group_commit), so that under load one transaction claims the idempotency keys,
resolves the customers and creates the tickets of every request that arrived meanwhile. A request
alone is created at once, as a batch of one. If a batch fails, each of its requests is created
again on its own, so one bad request never fails the others.
"""

import logging
from dataclasses import dataclass
from functools import cache

from django.db import transaction

from walletdesk.api.intake import app_ticket_create, app_tickets_create, tracking_url
from walletdesk.api.models import ApiClient
from walletdesk.api.schemas import TicketCreateIn
from walletdesk.api.services import claims_take, idempotent, responses_store
from walletdesk.core.conf import desk_setting
from walletdesk.core.group_commit import Done, GroupCommit
from walletdesk.tickets.models import Ticket

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CreateRequest:
    client: ApiClient
    key: str | None  # the Idempotency-Key header
    fingerprint: str  # of the request body
    payload: TicketCreateIn


class _Replay:
    """The request's key was claimed by another request: answer through `create_one`."""


REPLAY = _Replay()


def submit(request: CreateRequest) -> tuple[int, dict]:
    outcome = _group().submit(request)
    if outcome is REPLAY:
        return create_one(request)
    return outcome


def create_one(request: CreateRequest) -> tuple[int, dict]:
    """The request on its own: claim its key (or replay the first answer), then create."""

    def create() -> tuple[int, dict]:
        return 201, created_body(*app_ticket_create(request.payload))

    if not request.key:
        return create()
    return idempotent(
        client=request.client, key=request.key, fingerprint=request.fingerprint, call=create
    )


def created_body(ticket: Ticket, token: str) -> dict:
    return {
        "number": ticket.number,
        "access_token": token,
        "status": ticket.status,
        "tracking_url": tracking_url(ticket, token),
    }


def create_batch(requests: list[CreateRequest]) -> list[Done]:
    if len(requests) > 1:
        try:
            return _create_together(requests)
        except Exception:
            logger.warning(
                "a batch of %d ticket creations failed; creating each on its own",
                len(requests),
                exc_info=True,
            )
    return [_done(r) for r in requests]


def _done(request: CreateRequest) -> Done:
    try:
        return Done(value=create_one(request))
    except Exception as error:
        return Done(error=error)


@transaction.atomic
def _create_together(requests: list[CreateRequest]) -> list[Done]:
    keyed = [(r.client.id, r.key, r.fingerprint) for r in requests if r.key]
    claimed = claims_take(keyed) if keyed else {}
    outcomes: list[Done] = [Done(value=REPLAY)] * len(requests)
    todo: list[int] = []
    records: list[int | None] = []
    for i, request in enumerate(requests):
        if not request.key:
            todo.append(i)
            records.append(None)
        elif (record := claimed.pop((request.client.id, request.key), None)) is not None:
            todo.append(i)  # the first request with this key; a second one replays it
            records.append(record)
    made = app_tickets_create([requests[i].payload for i in todo])
    answers = {}
    for i, record, (ticket, token) in zip(todo, records, made, strict=True):
        outcomes[i] = Done(value=(201, created_body(ticket, token)))
        if record is not None:
            answers[record] = outcomes[i].value
    if answers:
        responses_store(answers)
    return outcomes


@cache
def _group() -> GroupCommit[CreateRequest]:
    return GroupCommit(create_batch, max_batch=desk_setting("API_CREATE_BATCH_MAX"))
