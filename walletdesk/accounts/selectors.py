"""Reads of customers."""

from typing import Any

from django.db import connection

from walletdesk.accounts import segments
from walletdesk.accounts.models import Agent, Customer, CustomerIdentity, Notification


def customers_by_identity(*, kind: str, values: set[str]) -> dict[str, Customer]:
    """The customers behind these channel identities, by identity value (unknown ones absent).
    Each carries `ticket_count`, its tickets so far (a segment signal), read in the same query
    and counted up to `segments.PRO_MIN_TICKETS`: beyond it the segment no longer changes, and
    a customer with hundreds of tickets costs no more to look up than one with ten.

    A raw query: it runs in every ticket creation and inbound message, and the ORM's join with
    a counted annotation cost four times the CPU (1.1 ms against 0.26 ms). Rows become models
    through `Model.from_db`, as the ORM makes them; `Manager.raw` cost a further ~4 % of a
    ticket creation request in working out the same column mapping on every call."""
    if not values:
        return {}
    q = connection.ops.quote_name
    tickets = Customer._meta.get_field("tickets").related_model._meta.db_table
    identities = CustomerIdentity._meta.db_table
    fields = Customer._meta.concrete_fields
    sql = (
        f"SELECT {', '.join(f'c.{q(str(f.column))}' for f in fields)}, i.{q('value')}, "  # noqa: S608
        f"(SELECT COUNT(*) FROM (SELECT 1 FROM {q(tickets)} t "
        f"WHERE t.{q('customer_id')} = c.{q('id')} LIMIT %s) counted) "
        f"FROM {q(Customer._meta.db_table)} c JOIN {q(identities)} i "
        f"ON i.{q('customer_id')} = c.{q('id')} WHERE i.{q('kind')} = %s "
        f"AND i.{q('value')} IN ({', '.join(['%s'] * len(values))})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [segments.PRO_MIN_TICKETS, kind, *sorted(values)])
        rows = cursor.fetchall()
    names = [f.attname for f in fields]
    found = {}
    for *row, value, ticket_count in rows:
        customer = Customer.from_db(connection.alias, names, _converted(row))
        customer.ticket_count = ticket_count  # type: ignore[attr-defined]
        found[value] = customer
    return found


def _converted(row: list) -> list:
    """Column values as the model's fields give them: the backend's and the fields' converters,
    as the ORM applies them (SQLite's datetimes and booleans, JSON text)."""
    for i, col, converters in _customer_converters():
        for convert in converters:
            row[i] = convert(row[i], col, connection)
    return row


_CONVERTERS: dict[str, list[tuple[int, Any, list]]] = {}


def _customer_converters() -> list[tuple[int, Any, list]]:
    found = _CONVERTERS.get(connection.vendor)
    if found is None:
        found = []
        for i, f in enumerate(Customer._meta.concrete_fields):
            col = f.get_col(Customer._meta.db_table)
            converters = connection.ops.get_db_converters(col) + f.get_db_converters(connection)
            if converters:
                found.append((i, col, converters))
        _CONVERTERS[connection.vendor] = found
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
