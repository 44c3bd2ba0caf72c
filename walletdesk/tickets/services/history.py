"""Recording ticket events: the only place TicketEvent rows are written."""

from datetime import datetime
from typing import Any

from walletdesk.accounts.models import Agent
from walletdesk.core.clock import now
from walletdesk.core.events import publish_on_commit, ticket_group
from walletdesk.tickets.models import Ticket, TicketEvent

Kind = TicketEvent.Kind
CUSTOMER_VISIBLE = frozenset(
    {
        Kind.CREATED,
        Kind.STATUS_CHANGED,
        Kind.ESCALATED,
        Kind.HANDED_BACK,
        Kind.CUSTOMER_REPLIED,
        Kind.AGENT_REPLIED,
        Kind.MERGED,
        Kind.REMINDER_SENT,
        Kind.SURVEY_SENT,
        Kind.RATED,
    }
)


def event_build(
    ticket: Ticket,
    kind: str,
    *,
    actor: Agent | None = None,
    by_customer: bool = False,
    data: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> TicketEvent:
    if actor is not None:
        actor_type = TicketEvent.Actor.AGENT
    elif by_customer:
        actor_type = TicketEvent.Actor.CUSTOMER
    else:
        actor_type = TicketEvent.Actor.SYSTEM
    return TicketEvent(
        ticket=ticket,
        kind=kind,
        actor_type=actor_type,
        actor_agent=actor,
        data=data or {},
        customer_visible=kind in CUSTOMER_VISIBLE,
        created_at=at or now(),
    )


def event_record(ticket: Ticket, kind: str, **kwargs: Any) -> TicketEvent:
    event = event_build(ticket, kind, **kwargs)
    event.save()
    publish_on_commit(
        ticket_group(ticket.id), {"type": "ticket.event", "ticket": ticket.id, "kind": kind}
    )
    return event


def events_record(events: list[TicketEvent]) -> list[TicketEvent]:
    """event_record for events built with event_build: one INSERT for all of them."""
    TicketEvent.objects.bulk_create(events)
    for event in events:
        publish_on_commit(
            ticket_group(event.ticket_id),
            {"type": "ticket.event", "ticket": event.ticket_id, "kind": event.kind},
        )
    return events


# Column order of event_row tuples, for bulk inserts that skip building model instances.
EVENT_ROW_FIELDS = ["ticket_id", "kind", "actor_type", "data", "customer_visible", "created_at"]


def event_row(ticket_id: int, kind: str, data: dict[str, Any], at: datetime) -> tuple:
    """A system event as a row for core.bulk.bulk_insert (sweeps write thousands at once)."""
    return (ticket_id, kind, TicketEvent.Actor.SYSTEM.value, data, kind in CUSTOMER_VISIBLE, at)
