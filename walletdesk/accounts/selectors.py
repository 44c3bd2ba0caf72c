"""Reads of customers."""

from django.db.models import Count

from walletdesk.accounts.models import Agent, Customer, CustomerIdentity, Notification


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


def notifications_of_agent(
    *, agent: Agent, unread_only: bool = False, before: int | None = None, limit: int = 20
) -> list[Notification]:
    """The agent's notices, newest first, with their ticket's number (keyset: pass the last
    id seen as `before`)."""
    notices = (
        Notification.objects.filter(agent=agent)
        .select_related("ticket")
        .only("id", "kind", "data", "text", "created_at", "read_at", "ticket__id", "ticket__number")
    )
    if unread_only:
        notices = notices.filter(read_at__isnull=True)
    if before is not None:
        notices = notices.filter(id__lt=before)
    return list(notices.order_by("-id")[:limit])


def notifications_unread_count(*, agent: Agent) -> int:
    return Notification.objects.filter(agent=agent, read_at__isnull=True).count()
