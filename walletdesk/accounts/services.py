"""Writes for customers and agents."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import translation

from walletdesk.accounts import segments
from walletdesk.accounts.models import (
    Agent,
    Customer,
    CustomerAddress,
    CustomerIdentity,
    Notification,
)
from walletdesk.accounts.notices import notice_text
from walletdesk.accounts.selectors import customer_by_identity
from walletdesk.core.clock import now


def customer_resolve(
    *,
    kind: str,
    value: str,
    display_name: str = "",
    language: str | None = None,
    account_created_at: datetime | None = None,
    verified: bool = False,
    known: Customer | None = None,
) -> Customer:
    """The customer behind a channel identity, created on first contact; a known customer's
    language, account age and segment are brought up to date. `known` is the customer already
    read for this identity (by `selectors.customers_by_identity`), if the caller has it."""
    if known is None:
        known = customer_by_identity(kind=kind, value=value)
    if known is not None:
        return _customer_refresh(known, language, account_created_at)
    try:
        with transaction.atomic():
            customer = Customer.objects.create(
                display_name=display_name[:120],
                language=language or Customer._meta.get_field("language").default,
                account_created_at=account_created_at,
                segment=_segment(account_created_at, ticket_count=0),
            )
            CustomerIdentity.objects.create(
                customer=customer, kind=kind, value=value, verified=verified
            )
    except IntegrityError:  # created concurrently by another request
        return (
            CustomerIdentity.objects.select_related("customer").get(kind=kind, value=value).customer
        )
    return customer


@dataclass(frozen=True)
class Newcomer:
    """Someone writing for the first time through a channel identity (customers_create)."""

    value: str
    display_name: str = ""
    language: str | None = None
    account_created_at: datetime | None = None


def customers_create(
    *, kind: str, people: list[Newcomer], verified: bool = False
) -> dict[str, Customer]:
    """customer_resolve for several first contacts at once: one insert for the customers and
    one for their identities. If one was created meanwhile (the identity is unique), each is
    resolved on its own instead."""
    if not people:
        return {}
    people = sorted(people, key=lambda p: p.value)  # every writer in one order: no deadlock
    customers = [
        Customer(
            display_name=p.display_name[:120],
            language=p.language or Customer._meta.get_field("language").default,
            account_created_at=p.account_created_at,
            segment=_segment(p.account_created_at, ticket_count=0),
        )
        for p in people
    ]
    try:
        with transaction.atomic():
            Customer.objects.bulk_create(customers)
            CustomerIdentity.objects.bulk_create(
                [
                    CustomerIdentity(customer=c, kind=kind, value=p.value, verified=verified)
                    for c, p in zip(customers, people, strict=True)
                ]
            )
    except IntegrityError:
        return {p.value: _resolve_newcomer(kind, p, verified) for p in people}
    return {p.value: c for c, p in zip(customers, people, strict=True)}


def _resolve_newcomer(kind: str, person: Newcomer, verified: bool) -> Customer:
    return customer_resolve(
        kind=kind,
        value=person.value,
        display_name=person.display_name,
        language=person.language,
        account_created_at=person.account_created_at,
        verified=verified,
    )


def _customer_refresh(
    customer: Customer, language: str | None, account_created_at: datetime | None
) -> Customer:
    """Write what changed (rarely anything: one UPDATE when it did)."""
    changed = []
    if language and language != customer.language:
        customer.language = language
        changed.append("language")
    if account_created_at and customer.account_created_at != account_created_at:
        customer.account_created_at = account_created_at
        changed.append("account_created_at")
    ticket_count = getattr(customer, "ticket_count", None)
    if ticket_count is not None and not customer.segment_set_by_agent:
        segment = _segment(customer.account_created_at, ticket_count=ticket_count)
        if segment != customer.segment:
            customer.segment = segment
            changed.append("segment")
    if changed:
        customer.save(update_fields=changed)
    return customer


def _segment(
    account_created_at: datetime | None, *, ticket_count: int, uses_advanced: bool = False
) -> str:
    age_days = (now() - account_created_at).days if account_created_at else None
    return segments.derive_segment(
        account_age_days=age_days, ticket_count=ticket_count, uses_advanced=uses_advanced
    )


def customer_segment_refresh(*, customer: Customer, uses_advanced: bool = False) -> Customer:
    """Re-derive the segment from signals, unless an agent has set it by hand."""
    if customer.segment_set_by_agent:
        return customer
    segment = _segment(
        customer.account_created_at,
        ticket_count=customer.tickets.count(),
        uses_advanced=uses_advanced,
    )
    if segment != customer.segment:
        customer.segment = segment
        customer.save(update_fields=["segment"])
    return customer


def customer_segment_set(*, customer: Customer, segment: str | None, actor: Agent) -> Customer:
    """An agent sets the segment by hand (kept from then on), or hands it back to the signals
    (`segment=None`: derived again now and on later contacts)."""
    if segment is None:
        customer.segment_set_by_agent = False
        customer.save(update_fields=["segment_set_by_agent"])
        return customer_segment_refresh(customer=customer)
    customer.segment = Customer.Segment(segment)
    customer.segment_set_by_agent = True
    customer.save(update_fields=["segment", "segment_set_by_agent"])
    return customer


def customer_addresses_add(*, customer: Customer, addresses: list[tuple[str, str]]) -> None:
    """Remember public addresses (chain, address) the customer mentioned."""
    customers_addresses_add([(customer, chain, address) for chain, address in addresses])


def customers_addresses_add(mentions: list[tuple[Customer, str, str]]) -> None:
    """customer_addresses_add for several customers: (customer, chain, address) each."""
    if mentions:
        ordered = sorted(mentions, key=lambda m: (m[0].pk, m[1], m[2]))  # one lock order
        CustomerAddress.objects.bulk_create(
            [CustomerAddress(customer=c, chain=chain, address=a) for c, chain, a in ordered],
            ignore_conflicts=True,
        )


def agent_availability_set(*, agent: Agent, available: bool) -> Agent:
    """Away (False) or available (True): routing reads the flag live, so an away agent gets no
    new tickets from the next assignment on. An UPDATE, not a save: the desk snapshot keeps."""
    Agent.objects.filter(id=agent.id).update(is_available=available)
    agent.is_available = available
    return agent


def notice_build(
    *, agent_id: int, kind: str, data: dict[str, Any], ticket_id: int | None = None
) -> Notification:
    """An unsaved notice; `notifications_send` stores a batch of them."""
    return Notification(agent_id=agent_id, kind=kind, ticket_id=ticket_id, data=data)


def notifications_send(*, notices: list[Notification]) -> None:
    """Store notices for agents, with their English text for the API and the admin; the console
    renders each in its reader's language from kind and data."""
    with translation.override("en"):
        for notice in notices:
            notice.text = notice_text(notice.kind, notice.data)[:300]
    Notification.objects.bulk_create(notices)


def notifications_mark_read(*, agent: Agent, ids: list[int] | None = None) -> int:
    """Mark the agent's notices read (all unread ones when `ids` is None); how many changed."""
    unread = Notification.objects.filter(agent=agent, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(id__in=ids)
    return unread.update(read_at=now())
