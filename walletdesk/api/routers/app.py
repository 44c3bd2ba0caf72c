"""/api/v1/tickets: the wallet app's backend, authenticated by its API key."""

from ninja import Header, Router, Status

from walletdesk.accounts.models import CustomerIdentity
from walletdesk.api import presenters, ticket_batches
from walletdesk.api.auth import AppKeyAuth, AuthedRequest, require_scope
from walletdesk.api.intake import app_customer
from walletdesk.api.schemas import (
    AppMessageIn,
    CustomerTokenIn,
    CustomerTokenOut,
    ErrorOut,
    TicketCreatedOut,
    TicketCreateIn,
    TicketPageOut,
    TicketProgressOut,
)
from walletdesk.api.services import customer_token_issue, request_fingerprint
from walletdesk.core.conf import desk_setting
from walletdesk.core.errors import InvalidInput, NotFound
from walletdesk.tickets.choices import Channel
from walletdesk.tickets.selectors import ticket_get_for_customer, tickets_of_customer
from walletdesk.tickets.services import customer_message_add

router = Router(auth=AppKeyAuth(), tags=["wallet app"])
ERRORS = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    413: ErrorOut,
    422: ErrorOut,
}


def _customer(app_user_id: str):
    identity = (
        CustomerIdentity.objects.select_related("customer")
        .filter(kind=CustomerIdentity.Kind.APP_USER, value=app_user_id)
        .first()
    )
    if identity is None:
        raise NotFound("No such ticket.")
    return identity.customer


@router.post("/tickets", response={201: TicketCreatedOut, **ERRORS})
def create_ticket(
    request: AuthedRequest,
    payload: TicketCreateIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key"),
):
    """Create a ticket for an app user. Send an Idempotency-Key to make retries safe."""
    client = request.auth
    require_scope(client, "tickets:write")
    if idempotency_key is not None and len(idempotency_key) > 255:
        raise InvalidInput("Idempotency-Key must be at most 255 characters.")
    creation = ticket_batches.CreateRequest(
        client=client,
        key=idempotency_key or None,
        fingerprint=request_fingerprint(request.body),
        payload=payload,
    )
    return Status(*ticket_batches.submit(creation))


@router.get("/tickets", response={200: TicketPageOut, **ERRORS})
def list_tickets(
    request: AuthedRequest, app_user_id: str, cursor: int | None = None, limit: int = 20
):
    """A user's tickets, newest first (keyset pagination: pass next_cursor back as cursor)."""
    require_scope(request.auth, "tickets:read")
    return presenters.ticket_page(
        tickets_of_customer(customer=_customer(app_user_id)), cursor, limit
    )


@router.get("/tickets/{number}", response={200: TicketProgressOut, **ERRORS})
def get_ticket(request: AuthedRequest, number: str, app_user_id: str):
    require_scope(request.auth, "tickets:read")
    ticket = ticket_get_for_customer(customer=_customer(app_user_id), number=number)
    return presenters.ticket_progress(ticket)


@router.post("/tickets/{number}/messages", response={201: TicketProgressOut, **ERRORS})
def add_message(request: AuthedRequest, number: str, payload: AppMessageIn):
    """The user writes again; a closed ticket answers with its new follow-up ticket."""
    require_scope(request.auth, "tickets:write")
    ticket = ticket_get_for_customer(customer=_customer(payload.app_user_id), number=number)
    ticket, _message = customer_message_add(ticket=ticket, body=payload.body, channel=Channel.APP)
    return Status(201, presenters.ticket_progress(ticket))


@router.post("/customer-tokens", response={201: CustomerTokenOut, **ERRORS})
def issue_customer_token(request: AuthedRequest, payload: CustomerTokenIn):
    """A signed, short-lived token the app can hand its user for the customer endpoints."""

    require_scope(request.auth, "customer_tokens")
    customer = app_customer(payload.customer)
    return Status(
        201,
        {
            "token": customer_token_issue(client=request.auth, customer=customer),
            "expires_in": desk_setting("CUSTOMER_TOKEN_MAX_AGE"),
        },
    )
