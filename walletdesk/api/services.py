"""Writes for API credentials, signed customer tokens and idempotent replays."""

import hashlib
from collections.abc import Callable
from typing import Any

from django.core import signing
from django.db import IntegrityError, transaction

from walletdesk.accounts.models import Agent, Customer
from walletdesk.api import keys
from walletdesk.api.models import AgentToken, ApiClient, IdempotencyRecord
from walletdesk.core.conf import desk_setting
from walletdesk.core.errors import Conflict

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


@transaction.atomic
def idempotent(
    *, client: ApiClient, key: str, fingerprint: str, call: Callable[[], tuple[int, Any]]
) -> tuple[int, Any]:
    """Run `call` once per (client, key); a retry gets the first (status, body) back.

    The record is inserted before the work, in the same transaction: a concurrent retry waits on
    the unique index until the first commits, then replays its response.
    """
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.create(
                client=client, key=key, request_hash=fingerprint
            )
    except IntegrityError:
        record = IdempotencyRecord.objects.get(client=client, key=key)
        if record.request_hash != fingerprint:
            raise Conflict(
                "This Idempotency-Key was already used with a different request.",
                code="idempotency_key_reused",
            ) from None
        return record.status_code or 200, record.response
    status, body = call()
    record.status_code, record.response = status, body
    record.save(update_fields=["status_code", "response"])
    return status, body
