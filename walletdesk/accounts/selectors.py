"""Reads of customers."""

from django.db.models import Count

from walletdesk.accounts.models import Customer, CustomerIdentity


def customers_by_identity(*, kind: str, values: set[str]) -> dict[str, Customer]:
    """The customers behind these channel identities, by identity value (unknown ones absent).
    Each carries `ticket_count`, its tickets so far (a segment signal), read in the same query."""
    found = {}
    rows = (
        CustomerIdentity.objects.select_related("customer")
        .filter(kind=kind, value__in=values)
        .annotate(ticket_count=Count("customer__tickets"))
    )
    for identity in rows:
        identity.customer.ticket_count = identity.ticket_count  # type: ignore[attr-defined]
        found[identity.value] = identity.customer
    return found


def customer_by_identity(*, kind: str, value: str) -> Customer | None:
    return customers_by_identity(kind=kind, values={value}).get(value)
