"""Turn the wallet app's API payloads into customers and ticket drafts."""

from django.conf import settings
from django.db import transaction

from walletdesk.accounts.models import Customer, CustomerIdentity
from walletdesk.accounts.selectors import customers_by_identity
from walletdesk.accounts.services import customer_resolve
from walletdesk.api.schemas import CustomerRef, TicketCreateIn
from walletdesk.tickets.choices import Channel
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.services import TicketDraft, tickets_create


def app_customer(ref: CustomerRef, known: Customer | None = None) -> Customer:
    customer = customer_resolve(
        kind=CustomerIdentity.Kind.APP_USER,
        value=ref.app_user_id,
        display_name=ref.display_name,
        language=ref.language,
        account_created_at=ref.account_created_at,
        verified=True,
        known=known,
    )
    if ref.email:
        CustomerIdentity.objects.get_or_create(
            kind=CustomerIdentity.Kind.EMAIL,
            value=ref.email.lower(),
            defaults={"customer": customer},
        )
    return customer


def tracking_url(ticket: Ticket, token: str) -> str:
    return f"{settings.WALLETDESK['PORTAL_URL']}/track/{ticket.number}/?token={token}"


@transaction.atomic(savepoint=False)  # nested: one failure rolls back all
def app_ticket_create(payload: TicketCreateIn) -> tuple[Ticket, str]:
    return app_tickets_create([payload])[0]


@transaction.atomic(savepoint=False)
def app_tickets_create(payloads: list[TicketCreateIn]) -> list[tuple[Ticket, str]]:
    """Tickets for several app requests in one transaction; known customers read at once."""
    known = customers_by_identity(
        kind=CustomerIdentity.Kind.APP_USER, values={p.customer.app_user_id for p in payloads}
    )
    drafts = []
    for payload in payloads:
        customer = app_customer(payload.customer, known.get(payload.customer.app_user_id))
        known[payload.customer.app_user_id] = customer  # created now, or refreshed
        drafts.append(app_draft(payload, customer))
    return tickets_create(drafts=drafts)


def app_draft(payload: TicketCreateIn, customer: Customer) -> TicketDraft:
    metadata = payload.app.model_dump(exclude_defaults=True) if payload.app else {}
    if payload.tx_hashes:
        metadata["tx_hashes"] = payload.tx_hashes
    return TicketDraft(
        customer=customer,
        subject=payload.subject,
        body=payload.body,
        channel=Channel.APP,
        language=payload.language or customer.language,
        category=payload.category or "",
        intent=payload.intent or "",
        chain=payload.chain or "",
        metadata=metadata,
        addresses=[(payload.chain or "", a) for a in payload.addresses],
    )
