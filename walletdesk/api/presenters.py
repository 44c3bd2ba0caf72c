"""Rows to response dicts. Presenters read what selectors loaded; they never query by themselves
except through the selectors they call."""

from typing import Any

from walletdesk.accounts.models import Notification
from walletdesk.tickets.choices import Status
from walletdesk.tickets.models import Message, Ticket
from walletdesk.tickets.selectors import customer_messages, customer_timeline


def ticket_summary(t: Ticket) -> dict[str, Any]:
    return {
        "number": t.number,
        "subject": t.subject,
        "status": t.status,
        "category": t.category,
        "priority": t.priority,
        "created_at": t.created_at,
        "updated_at": t.updated_at,
    }


def message_fields(m: Message, author: str) -> dict[str, Any]:
    return {
        "id": m.id,
        "direction": m.direction,
        "channel": m.channel,
        "author": author,
        "body": m.body_text,
        "created_at": m.created_at,
    }


def message_public(m: Message) -> dict[str, Any]:
    if m.direction == Message.Direction.INBOUND:
        author = "you"
    else:
        author = m.author_agent.display_name if m.author_agent else "Walletdesk"
    return message_fields(m, author)


def ticket_progress(t: Ticket) -> dict[str, Any]:
    rated = t.surveys.filter(answered_at__isnull=False).exists()
    return {
        **ticket_summary(t),
        "timeline": customer_timeline(t),
        "messages": [message_public(m) for m in customer_messages(t)],
        "can_rate": t.status in (Status.RESOLVED, Status.CLOSED) and not rated,
    }


def queue_item(t: Ticket) -> dict[str, Any]:
    return {
        **ticket_summary(t),
        "id": t.id,
        "language": t.language,
        "channel": t.channel,
        "intent": t.intent,
        "team": t.team.name if t.team else None,
        "assignee": {"id": t.assignee.id, "name": t.assignee.display_name} if t.assignee else None,
        "customer": str(t.customer),
        "sla_due_at": t.sla_due_at,
        "tags": [tag.name for tag in t.tags.all()],
    }


def ticket_page(tickets, cursor: int | None, limit: int) -> dict[str, Any]:
    """A keyset page of a newest-first ticket queryset: pass next_cursor back as cursor."""
    limit = max(1, min(limit, 100))
    if cursor:
        tickets = tickets.filter(id__lt=cursor)
    page = list(tickets[: limit + 1])
    next_cursor = str(page[limit - 1].id) if len(page) > limit else None
    return {"items": [ticket_summary(t) for t in page[:limit]], "next_cursor": next_cursor}


def notification(n: Notification) -> dict[str, Any]:
    return {
        "id": n.id,
        "kind": n.kind,
        "text": n.text,
        "data": n.data,
        "ticket_id": n.ticket_id,
        "ticket_number": n.ticket.number if n.ticket is not None else None,
        "created_at": n.created_at,
        "read_at": n.read_at,
    }
