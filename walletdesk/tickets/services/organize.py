"""Escalation, hand-back, merge, links, tags, priority and triage fields."""

from django.db import transaction

from walletdesk.accounts.models import Agent, Notification, Team
from walletdesk.accounts.services import notice_build, notifications_send
from walletdesk.core.clock import now
from walletdesk.core.errors import Conflict, InvalidTransition
from walletdesk.tickets.choices import Priority, SlaKind, Status
from walletdesk.tickets.models import Tag, Ticket, TicketEvent, TicketLink
from walletdesk.tickets.services import sla_clock
from walletdesk.tickets.services.assignment import agent_pick, assignee_set
from walletdesk.tickets.services.history import event_record
from walletdesk.tickets.services.lifecycle import status_apply


def _move_to_team(ticket: Ticket, team: Team, *, actor: Agent | None, at) -> None:
    ticket.team = team
    ticket.assignee = None
    assignee_set(ticket, agent_pick(ticket, at), actor=actor, at=at).save()
    if ticket.status == Status.NEW:
        status_apply(ticket, Status.OPEN, actor=actor, at=at)
    ticket.updated_at = at
    ticket.save(update_fields=["team", "assignee", "updated_at", "priority"])


@transaction.atomic
def ticket_escalate(*, ticket: Ticket, to_team: Team, reason: str, actor: Agent | None) -> Ticket:
    """Send a ticket up a tier (e.g. Frontline -> Chain experts / Security) with a reason."""
    if not ticket.is_active:
        raise InvalidTransition("Only an active ticket can be escalated.")
    if to_team.id == ticket.team_id:
        raise Conflict("The ticket is already with that team.")
    at = now()
    from_team = ticket.team
    if to_team.kind == Team.Kind.SECURITY:
        ticket.priority = Priority.URGENT
    event_record(
        ticket,
        "escalated",
        actor=actor,
        at=at,
        data={
            "from_team": from_team.id if from_team else None,
            "from_team_name": str(from_team or ""),
            "to_team": to_team.id,
            "to_team_name": to_team.name,
            "reason": reason[:500],
        },
    )
    _move_to_team(ticket, to_team, actor=actor, at=at)
    _escalation_notify(ticket, to_team, reason, actor)
    return ticket


def _escalation_notify(ticket: Ticket, team: Team, reason: str, actor: Agent | None) -> None:
    """The receiving team's supervisors and the agent it was given to (not the escalator).
    Without an actor (the assistant's security handover) the notice names nobody."""
    supervisors = Agent.objects.filter(
        teams=team, role__in=[Agent.Role.SUPERVISOR, Agent.Role.ADMIN]
    ).values_list("id", flat=True)
    readers = {*supervisors, *([ticket.assignee_id] if ticket.assignee_id else [])}
    readers.discard(actor.id if actor else None)
    data = {"number": ticket.number, "team": team.name, "reason": reason[:200]}
    if actor is not None:
        data["by"] = actor.display_name
    kind = Notification.Kind.ESCALATED
    notifications_send(
        notices=[
            notice_build(agent_id=agent_id, kind=kind, data=data, ticket_id=ticket.id)
            for agent_id in sorted(readers)
        ]
    )


@transaction.atomic
def ticket_hand_back(*, ticket: Ticket, actor: Agent, note: str = "") -> Ticket:
    """Return an escalated ticket to the team that escalated it."""
    last = (
        ticket.events.filter(kind=TicketEvent.Kind.ESCALATED).order_by("-created_at", "-id").first()
    )
    if last is None or not last.data.get("from_team"):
        raise Conflict("This ticket was not escalated from another team.")
    back_to = Team.objects.get(id=last.data["from_team"])
    at = now()
    event_record(
        ticket,
        "handed_back",
        actor=actor,
        at=at,
        data={"to_team": back_to.id, "to_team_name": back_to.name, "note": note[:500]},
    )
    _move_to_team(ticket, back_to, actor=actor, at=at)
    return ticket


@transaction.atomic
def ticket_merge(*, source: Ticket, target: Ticket, actor: Agent) -> Ticket:
    """Move the source's messages into the target and close the source with a pointer to it."""
    if source.id == target.id:
        raise Conflict("A ticket cannot be merged into itself.")
    if target.status == Status.CLOSED or target.merged_into_id:
        raise Conflict("The target ticket is closed or merged; pick an active ticket.")
    if source.status == Status.CLOSED:
        raise Conflict("A closed ticket cannot be merged.")
    at = now()
    moved = source.messages.update(ticket=target)
    source.merged_into = target
    sla_clock.targets_finish(source, list(SlaKind), at, achieved=False)
    source.status = Status.CLOSED
    source.closed_at = source.updated_at = source.status_changed_at = at
    source.automation_due_at = None
    source.save()
    TicketLink.objects.get_or_create(
        source=source, target=target, kind=TicketLink.Kind.DUPLICATE_OF
    )
    event_record(
        source, "merged", actor=actor, at=at, data={"into": target.number, "messages": moved}
    )
    event_record(
        target, "merged", actor=actor, at=at, data={"from": source.number, "messages": moved}
    )
    target.updated_at = at
    target.save(update_fields=["updated_at"])
    return target


@transaction.atomic
def ticket_link(*, source: Ticket, target: Ticket, kind: str, actor: Agent) -> TicketLink:
    if source.id == target.id:
        raise Conflict("A ticket cannot be linked to itself.")
    link, _ = TicketLink.objects.get_or_create(source=source, target=target, kind=kind)
    event_record(source, "linked", actor=actor, data={"kind": kind, "target": target.number})
    return link


@transaction.atomic
def ticket_tags_change(
    *, ticket: Ticket, add: list[str], remove: list[str], actor: Agent
) -> Ticket:
    if add:
        Tag.objects.bulk_create([Tag(name=t) for t in add], ignore_conflicts=True)
        ticket.tags.add(*Tag.objects.filter(name__in=add))
    if remove:
        ticket.tags.remove(*Tag.objects.filter(name__in=remove))
    event_record(ticket, "tagged", actor=actor, data={"added": add, "removed": remove})
    return ticket


@transaction.atomic
def ticket_triage_set(
    *,
    ticket: Ticket,
    actor: Agent,
    priority: str | None = None,
    category: str | None = None,
    intent: str | None = None,
) -> Ticket:
    """Change priority, category or intent by hand; each change is an event."""
    at = now()
    for field, kind, value in (
        ("priority", "priority_changed", priority),
        ("category", "category_changed", category),
        ("intent", "category_changed", intent),
    ):
        if value is None or getattr(ticket, field) == value:
            continue
        event_record(
            ticket,
            kind,
            actor=actor,
            at=at,
            data={"field": field, "from": getattr(ticket, field), "to": value},
        )
        setattr(ticket, field, value)
    ticket.updated_at = at
    ticket.save(update_fields=["priority", "category", "intent", "updated_at"])
    return ticket
