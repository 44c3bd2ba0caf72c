"""Writes for API credentials, signed customer tokens and idempotent replays."""

import hashlib
from collections.abc import Callable
from typing import Any

from django.core import signing
from django.db import connection, transaction

from walletdesk.accounts.models import Agent, Customer
from walletdesk.api import keys
from walletdesk.api.models import AgentToken, ApiClient, IdempotencyRecord
from walletdesk.core.bulk import bulk_set
from walletdesk.core.clock import now
from walletdesk.core.conf import desk_setting
from walletdesk.core.errors import Conflict
from walletdesk.guard.sealing import seal, unseal

CUSTOMER_TOKEN_SALT = "walletdesk.customer-token"  # noqa: S105 (a namespace)
CUSTOMER_TOKEN_KIND = "wdc_"  # noqa: S105 (a prefix)


def api_client_create(*, name: str, scopes: list[str]) -> tuple[ApiClient, str]:
    plain, prefix, digest = keys.secret_new(keys.APP_KEY)
    client = ApiClient.objects.create(name=name, key_prefix=prefix, key_hash=digest, scopes=scopes)
    return client, plain


def agent_token_create(*, agent: Agent, name: str) -> tuple[AgentToken, str]:
    plain, prefix, digest = keys.secret_new(keys.AGENT_TOKEN)
    token = AgentToken.objects.create(agent=agent, name=name, key_prefix=prefix, key_hash=digest)
    return token, plain


def customer_token_issue(*, client: ApiClient, customer: Customer) -> str:
    """A short-lived token the app hands its user, to read and answer their own tickets."""
    signed = signing.dumps(
        {"c": customer.id, "k": client.id}, salt=CUSTOMER_TOKEN_SALT, compress=True
    )
    return CUSTOMER_TOKEN_KIND + signed


def customer_token_read(token: str) -> int | None:
    """The customer id in a valid, unexpired token, else None."""
    if not token.startswith(CUSTOMER_TOKEN_KIND):
        return None
    try:
        data = signing.loads(
            token[len(CUSTOMER_TOKEN_KIND) :],
            salt=CUSTOMER_TOKEN_SALT,
            max_age=desk_setting("CUSTOMER_TOKEN_MAX_AGE"),
        )
    except signing.BadSignature:
        return None
    client_active = ApiClient.objects.filter(id=data.get("k"), is_active=True).exists()
    return int(data["c"]) if client_active else None


def request_fingerprint(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def claims_take(wanted: list[tuple[int, str, str]]) -> dict[tuple[int, str], int]:
    """Insert an idempotency record for each (client id, key, fingerprint) unless one exists;
    the ids of the records inserted, by (client id, key). One statement, no savepoint: a
    concurrent request with the same key waits on the unique index until the first commits."""
    unique: dict[tuple[int, str], tuple[int, str, str]] = {}
    for client, key, fingerprint in wanted:
        unique.setdefault((client, key), (client, key, fingerprint))
    wanted = list(unique.values())
    q = connection.ops.quote_name
    table = q(IdempotencyRecord._meta.db_table)
    at = connection.ops.adapt_datetimefield_value(now())
    rows = ", ".join(["(%s, %s, %s, %s)"] * len(wanted))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({q('client_id')}, {q('key')}, {q('request_hash')}, "  # noqa: S608
            f"{q('created_at')}) VALUES {rows} ON CONFLICT ({q('client_id')}, {q('key')}) "
            f"DO NOTHING RETURNING {q('id')}, {q('client_id')}, {q('key')}",
            [v for client, key, fingerprint in wanted for v in (client, key, fingerprint, at)],
        )
        return {(client, key): id_ for id_, client, key in cursor.fetchall()}


def responses_store(responses: dict[int, tuple[int, Any]]) -> None:
    """Keep the (status, body) answered for each claimed record id, for replays; sealed, since
    a ticket's answer holds its access token (guard.sealing)."""
    bulk_set(
        [
            IdempotencyRecord(id=id_, status_code=status, response=seal(body))
            for id_, (status, body) in responses.items()
        ],
        ["status_code", "response"],
    )


@transaction.atomic
def idempotent(
    *, client: ApiClient, key: str, fingerprint: str, call: Callable[[], tuple[int, Any]]
) -> tuple[int, Any]:
    """Run `call` once per (client, key); a retry gets the first (status, body) back.

    The record is inserted before the work, in the same transaction: a concurrent retry waits on
    the unique index until the first commits, then replays its response.
    """
    claimed = claims_take([(client.id, key, fingerprint)])
    if not claimed:
        first = IdempotencyRecord.objects.get(client=client, key=key)
        if first.request_hash != fingerprint:
            raise Conflict(
                "This Idempotency-Key was already used with a different request.",
                code="idempotency_key_reused",
            ) from None
        return first.status_code or 200, unseal(first.response)
    status, body = call()
    responses_store({claimed[(client.id, key)]: (status, body)})
    return status, body
