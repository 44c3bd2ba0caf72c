"""/api/v1/customer: a customer reads progress, replies and rates.

Credentials: the ticket's private token in `X-Ticket-Token`, or a signed customer token from the
wallet app (`Authorization: Bearer wdc_...`). Both go through the same access check.
"""

from ninja import Router, Status

from walletdesk.api import presenters
from walletdesk.api.auth import AuthedRequest, CustomerAuth, CustomerPrincipal
from walletdesk.api.schemas import ErrorOut, MessageIn, RatingIn, TicketPageOut, TicketProgressOut
from walletdesk.core.errors import NotFound
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.selectors import (
    ticket_get_for_customer,
    ticket_get_for_token,
    tickets_of_customer,
)
from walletdesk.tickets.services import customer_message_add, survey_answer

router = Router(auth=CustomerAuth(), tags=["customer"])
ERRORS = {401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 413: ErrorOut, 422: ErrorOut}


def customer_ticket(principal: CustomerPrincipal, number: str) -> Ticket:
    """The one access check for customer principals: 404 alike for absent and not yours."""
    if principal.ticket_token:
        return ticket_get_for_token(number=number, token=principal.ticket_token)
    if principal.customer is not None:
        return ticket_get_for_customer(customer=principal.customer, number=number)
    raise NotFound("No such ticket.")


@router.get("/tickets", response={200: TicketPageOut, **ERRORS})
def my_tickets(request: AuthedRequest, cursor: int | None = None, limit: int = 20):
    """Tickets of the customer behind a signed customer token."""
    principal: CustomerPrincipal = request.auth
    if principal.customer is None:
        raise NotFound("Listing tickets needs a customer token.")
    return presenters.ticket_page(tickets_of_customer(customer=principal.customer), cursor, limit)


@router.get("/tickets/{number}", response={200: TicketProgressOut, **ERRORS})
def ticket_progress(request: AuthedRequest, number: str):
    return presenters.ticket_progress(customer_ticket(request.auth, number))


@router.post("/tickets/{number}/messages", response={201: TicketProgressOut, **ERRORS})
def reply(request: AuthedRequest, number: str, payload: MessageIn):
    ticket = customer_ticket(request.auth, number)
    ticket, _message = customer_message_add(
        ticket=ticket, body=payload.body, channel=ticket.channel
    )
    return Status(201, presenters.ticket_progress(ticket))


@router.post("/tickets/{number}/rating", response={201: TicketProgressOut, **ERRORS})
def rate(request: AuthedRequest, number: str, payload: RatingIn):
    ticket = customer_ticket(request.auth, number)
    survey_answer(ticket=ticket, score=payload.score, comment=payload.comment)
    return Status(201, presenters.ticket_progress(ticket))
