"""Agent-facing presenters: the ticket detail with conversation, history, SLA and customer panel."""

from typing import Any

from walletdesk.accounts.models import Agent
from walletdesk.api.presenters import message_fields, queue_item, ticket_summary
from walletdesk.guard.masking import can_reveal, identities_shown
from walletdesk.tickets.models import Message, Ticket


def ticket_detail(t: Ticket, *, agent: Agent) -> dict[str, Any]:
    """The customer's identities are masked unless the guard lets this agent see them."""
    messages = t.messages.select_related("author_agent", "author_customer")
    events = t.events.select_related("actor_agent")
    customer = t.customer
    other = customer.tickets.exclude(id=t.id).order_by("-id")[:10]
    return {
        **queue_item(t),
        "metadata": t.metadata,
        "first_response_at": t.first_response_at,
        "resolved_at": t.resolved_at,
        "merged_into": t.merged_into.number if t.merged_into else None,
        "messages": [_message(m) for m in messages],
        "events": [
            {
                "kind": e.kind,
                "at": e.created_at,
                "data": e.data,
                "actor": e.actor_agent.display_name if e.actor_agent else e.actor_type,
            }
            for e in events
        ],
        "sla": [
            {
                "kind": s.kind,
                "due_at": s.due_at,
                "remaining_seconds": s.remaining_seconds,
                "warned": s.warned_at is not None,
                "breached": s.breached_at is not None,
                "achieved_at": s.achieved_at,
            }
            for s in t.sla_targets.order_by("id")
        ],
        "customer_panel": {
            "id": customer.id,
            "name": str(customer),
            "language": customer.language,
            "segment": customer.segment,
            "identities": identities_shown(customer.identities.all(), reveal=can_reveal(agent, t)),
            "addresses": [
                {"chain": a.chain, "address": a.address} for a in customer.addresses.all()
            ],
            "other_tickets": [ticket_summary(o) for o in other],
        },
    }


def _message(m: Message) -> dict[str, Any]:
    if m.author_agent:
        author = m.author_agent.display_name
    elif m.author_customer:
        author = str(m.author_customer)
    else:
        author = "system"
    return {
        **message_fields(m, author),
        "internal": m.direction == Message.Direction.NOTE,
        "delivery_status": m.delivery_status,
    }
