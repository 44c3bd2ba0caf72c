"""Turn the wallet app's API payloads into customers and ticket drafts."""

from django.conf import settings
from django.db import transaction

from walletdesk.accounts.models import Customer, CustomerIdentity
from walletdesk.accounts.selectors import customers_by_identity
from walletdesk.accounts.services import Newcomer, customer_resolve, customers_create
from walletdesk.api.schemas import CustomerRef, TicketCreateIn
from walletdesk.tickets.choices import Channel
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.services import TicketDraft, tickets_create


def app_customer(ref: CustomerRef) -> Customer:
    return app_customers({ref.app_user_id: ref})[ref.app_user_id]


def tracking_url(ticket: Ticket, token: str) -> str:
    return f"{settings.WALLETDESK['PORTAL_URL']}/track/{ticket.number}/?token={token}"


@transaction.atomic(savepoint=False)  # nested: one failure rolls back all
def app_ticket_create(payload: TicketCreateIn) -> tuple[Ticket, str]:
    return app_tickets_create([payload])[0]


@transaction.atomic(savepoint=False)
def app_tickets_create(payloads: list[TicketCreateIn]) -> list[tuple[Ticket, str]]:
    """Tickets for several app requests in one transaction: known customers are read at once
    and first contacts created at once."""
    customers = app_customers({p.customer.app_user_id: p.customer for p in payloads})
    drafts = [app_draft(p, customers[p.customer.app_user_id]) for p in payloads]
    return tickets_create(drafts=drafts)


def app_customers(refs: dict[str, CustomerRef]) -> dict[str, Customer]:
    """The customers of these app users, by app user id (created on first contact)."""
    kind = CustomerIdentity.Kind.APP_USER
    known = customers_by_identity(kind=kind, values=set(refs))
    newcomers = [_newcomer(ref) for value, ref in refs.items() if value not in known]
    customers = customers_create(kind=kind, people=newcomers, verified=True)
    for value, customer in sorted(known.items(), key=lambda item: item[1].pk):  # lock order
        ref = refs[value]
        customers[value] = customer_resolve(
            kind=kind,
            value=value,
            language=ref.language,
            account_created_at=ref.account_created_at,
            known=customer,
        )
    emails = [(customers[v], r.email.lower()) for v, r in refs.items() if r.email]
    if emails:
        CustomerIdentity.objects.bulk_create(
            [
                CustomerIdentity(customer=c, kind=CustomerIdentity.Kind.EMAIL, value=e)
                for c, e in emails
            ],
            ignore_conflicts=True,  # an address already known stays with its customer
        )
    return customers


def _newcomer(ref: CustomerRef) -> Newcomer:
    return Newcomer(
        value=ref.app_user_id,
        display_name=ref.display_name,
        language=ref.language,
        account_created_at=ref.account_created_at,
    )


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
