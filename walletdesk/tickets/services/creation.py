"""Creating tickets: numbering, triage defaults, routing, SLA start, first message."""

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction

from walletdesk.accounts.models import Agent, Customer
from walletdesk.accounts.services import customers_addresses_add
from walletdesk.core.bulk import bulk_create_lean
from walletdesk.core.clock import now
from walletdesk.core.events import publish_on_commit, team_group
from walletdesk.core.taxonomy import category_for_intent
from walletdesk.tickets import routing
from walletdesk.tickets.choices import Category, Priority, SlaKind
from walletdesk.tickets.models import Message, Tag, Ticket, TicketLink
from walletdesk.tickets.services import sla_clock
from walletdesk.tickets.services.assignment import agents_assigned_now, agents_choose, route_team
from walletdesk.tickets.services.conversation import customer_text_followups, message_build
from walletdesk.tickets.services.exposure import draft_clean, exposure_handle
from walletdesk.tickets.services.history import event_build
from walletdesk.tickets.services.numbers import numbers_next
from walletdesk.tickets.services.screening import links_flag


@dataclass
class TicketDraft:
    """What a channel knows about a new request. Only customer, subject and body are needed."""

    customer: Customer
    subject: str
    body: str
    channel: str
    language: str = ""
    category: str = ""
    intent: str = ""
    priority: str = ""
    chain: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    addresses: list[tuple[str, str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    external_id: str = ""
    body_html: str = ""
    # Kinds of secrets a channel removed before the draft was made (its redaction markers are
    # in the text): the ticket is handled as exposed, like one whose secret is found here.
    secrets_removed: tuple[str, ...] = ()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def triage(draft: TicketDraft) -> tuple[str, str]:
    """Category and priority: security always urgent, the intent implies a category."""
    category = draft.category or category_for_intent(draft.intent) or Category.OTHER
    priority = draft.priority or Priority.NORMAL
    if category == Category.SECURITY:
        priority = Priority.URGENT
    return category, priority


def ticket_create(*, draft: TicketDraft, actor: Agent | None = None) -> tuple[Ticket, str]:
    """Create, route and start the SLA of a ticket. Returns it with its plain access token,
    which is shown to the customer once and stored only as a hash. Secrets in the draft are
    redacted before anything is stored; a ticket that held one goes to Security."""
    return tickets_create(drafts=[draft], actor=actor)[0]


@transaction.atomic(savepoint=False)  # nested: one failure rolls back all
def tickets_create(
    *, drafts: list[TicketDraft], actor: Agent | None = None
) -> list[tuple[Ticket, str]]:
    """ticket_create for several drafts in one transaction: each statement covers the whole
    batch (numbers, tickets, first messages, SLA targets, events), and agents are shared out
    as if the tickets had arrived one after another."""
    if not drafts:
        return []
    at = now()
    cleaned = [draft_clean(draft) for draft in drafts]
    numbers = numbers_next(at, len(drafts))
    made = [_ticket_build(d, number, at) for (d, _), number in zip(cleaned, numbers, strict=True)]
    tickets = [ticket for ticket, _token in made]
    agents = agents_choose(tickets, at)
    targets = []
    for ticket, agent in zip(tickets, agents, strict=True):
        ticket.assignee = agent
        targets += sla_clock.targets_build(ticket, [SlaKind.FIRST_RESPONSE, SlaKind.RESOLUTION], at)
    bulk_create_lean(tickets)
    events = []
    for (draft, _), ticket, agent in zip(cleaned, tickets, agents, strict=True):
        events.append(
            event_build(ticket, "created", actor=actor, data={"channel": draft.channel}, at=at)
        )
        if agent is not None:
            events.append(
                event_build(
                    ticket, "assigned", data={"from": None, "to": agent.display_name}, at=at
                )
            )
    bulk_create_lean(
        [
            _first_message(ticket, draft, at)
            for (draft, _), ticket in zip(cleaned, tickets, strict=True)
        ]
    )
    bulk_create_lean(targets)
    bulk_create_lean(events)
    agents_assigned_now({agent.id for agent in agents if agent is not None}, at)
    customers_addresses_add([(d.customer, *a) for d, _ in cleaned for a in d.addresses])
    for (draft, exposed), ticket in zip(cleaned, tickets, strict=True):
        if draft.tags:
            _tags_add(ticket, draft.tags)
        if exposed:
            exposure_handle(ticket, exposed, at=at)
        links_flag(ticket, f"{draft.subject}\n{draft.body}")
        customer_text_followups(ticket)
    _queues_changed(tickets)
    return made


def _queues_changed(tickets: list[Ticket]) -> None:
    """One realtime notice per team queue for the whole batch, not one per ticket."""
    by_team: dict[int, list[int]] = {}
    for ticket in tickets:
        by_team.setdefault(ticket.team_id or 0, []).append(ticket.id)
    for team_id, ids in by_team.items():
        publish_on_commit(team_group(team_id), {"type": "queue.changed", "tickets": ids})


def _ticket_build(draft: TicketDraft, number: str, at: datetime) -> tuple[Ticket, str]:
    """The unsaved ticket for a cleaned draft: triage, team, priority, SLA policy."""
    category, priority = triage(draft)
    language = draft.language or draft.customer.language
    facts = routing.RouteFacts(
        category=category,
        intent=draft.intent,
        language=language,
        chain=draft.chain,
        channel=draft.channel,
    )
    team, rule = route_team(facts)
    if rule is not None and rule.set_priority and category != Category.SECURITY:
        priority = rule.set_priority
    token = secrets.token_urlsafe(24)
    ticket = Ticket(
        number=number,
        access_token_hash=token_hash(token),
        subject=draft.subject[:200],
        customer=draft.customer,
        channel=draft.channel,
        language=language,
        category=category,
        intent=draft.intent,
        priority=priority,
        chain=draft.chain,
        team=team,
        required_skills=list(rule.required_skills) if rule else [],
        metadata=draft.metadata,
        created_at=at,
        updated_at=at,
        status_changed_at=at,
        last_customer_message_at=at,
    )
    ticket.sla_policy = sla_clock.policy_for(
        priority=priority, category=category, channel=draft.channel, segment=draft.customer.segment
    )
    return ticket, token


def _first_message(ticket: Ticket, draft: TicketDraft, at: datetime) -> Message:
    return message_build(
        ticket,
        Message.Direction.INBOUND,
        draft.body,
        channel=draft.channel,
        at=at,
        external_id=draft.external_id,
        body_html=draft.body_html,
    )


def _tags_add(ticket: Ticket, names: list[str]) -> None:
    Tag.objects.bulk_create([Tag(name=t) for t in names], ignore_conflicts=True)
    ticket.tags.add(*Tag.objects.filter(name__in=names))


def ticket_follow_up_create(
    *,
    ticket: Ticket,
    body: str,
    channel: str,
    external_id: str = "",
    secrets_removed: tuple[str, ...] = (),
) -> tuple[Ticket, Message]:
    """A customer wrote to a closed ticket: open a new one linked to it."""
    draft = TicketDraft(
        customer=ticket.customer,
        subject=f"Re: {ticket.subject}"[:200],
        body=body,
        channel=channel,
        language=ticket.language,
        category=ticket.category,
        intent=ticket.intent,
        chain=ticket.chain,
        external_id=external_id,
        secrets_removed=secrets_removed,
    )
    follow_up, _token = ticket_create(draft=draft)
    follow_up.access_token_hash = ticket.access_token_hash  # the customer's link keeps working
    follow_up.save(update_fields=["access_token_hash"])
    TicketLink.objects.create(source=follow_up, target=ticket, kind=TicketLink.Kind.FOLLOW_UP_OF)
    first = follow_up.messages.filter(direction=Message.Direction.INBOUND).earliest("id")
    return follow_up, first
