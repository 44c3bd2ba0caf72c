"""Who is calling: a wallet app (API key), an agent (session or token) or a customer."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from walletdesk.accounts.models import Agent, Customer
from walletdesk.api import keys
from walletdesk.api.models import AgentToken, ApiClient
from walletdesk.api.selectors import app_client_by_prefix
from walletdesk.api.services import customer_token_read
from walletdesk.core.clock import now

LAST_USED_RESOLUTION = timedelta(minutes=1)


class AuthedRequest(HttpRequest):
    """A request after django-ninja's authentication: `auth` is what the auth class returned
    (an ApiClient, an Agent or a CustomerAccess)."""

    auth: Any


class AppKeyAuth(HttpBearer):
    """`Authorization: Bearer wdk_...`, the wallet app backend's key."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiClient | None:
        prefix = keys.secret_parse(token, keys.APP_KEY)
        if prefix is None:
            return None
        client = app_client_by_prefix(prefix)
        if client is None or not keys.secret_matches(token, client.key_hash):
            return None
        return client


class AgentTokenAuth(HttpBearer):
    """`Authorization: Bearer wda_...`, an agent's personal token."""

    def authenticate(self, request: HttpRequest, token: str) -> Agent | None:
        prefix = keys.secret_parse(token, keys.AGENT_TOKEN)
        if prefix is None:
            return None
        row = (
            AgentToken.objects.select_related("agent__user")
            .filter(key_prefix=prefix, revoked_at__isnull=True)
            .first()
        )
        if row is None or not keys.secret_matches(token, row.key_hash):
            return None
        if not row.agent.user.is_active:
            return None
        at = now()
        if row.last_used_at is None or at - row.last_used_at > LAST_USED_RESOLUTION:
            # A write (and a WAL flush) per read request cost more than the query it guards.
            AgentToken.objects.filter(id=row.id).update(last_used_at=at)
        request.user = row.agent.user
        return row.agent


class AgentSessionAuth(SessionAuth):
    """A signed-in agent's browser session (CSRF-checked by ninja)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Agent | None:
        user = super().authenticate(request, key)
        return getattr(user, "agent", None) if user else None


@dataclass(frozen=True)
class CustomerPrincipal:
    """Either a customer known by a signed token, or the bearer of one ticket's private token."""

    customer: Customer | None = None
    ticket_token: str | None = None


class CustomerAuth(HttpBearer):
    """`Authorization: Bearer wdc_...` (signed customer token) or `X-Ticket-Token: ...`."""

    def __call__(self, request: HttpRequest) -> CustomerPrincipal | None:
        ticket_token = request.headers.get("X-Ticket-Token")
        if ticket_token:
            return CustomerPrincipal(ticket_token=ticket_token[:200])
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, token: str) -> CustomerPrincipal | None:
        customer_id = customer_token_read(token)
        if customer_id is None:
            return None
        customer = Customer.objects.filter(id=customer_id).first()
        return CustomerPrincipal(customer=customer) if customer else None


def require_scope(client: ApiClient, scope: str) -> None:
    from walletdesk.core.errors import PermissionDenied

    if scope not in client.scopes:
        raise PermissionDenied(f"This API key lacks the '{scope}' scope.", code="missing_scope")
