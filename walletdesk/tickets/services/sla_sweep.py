"""The SLA worker's sweep: raise warnings and breaches that have come due, in batches.

Each batch claims its tickets with SELECT ... FOR UPDATE SKIP LOCKED, so several workers on
PostgreSQL share the load without processing a ticket twice.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction

from walletdesk.accounts.models import Agent, Notification
from walletdesk.core.bulk import bulk_insert, bulk_set
from walletdesk.core.clock import now
from walletdesk.tickets import routing, sla
from walletdesk.tickets.choices import Priority
from walletdesk.tickets.models import SlaTarget, Ticket, TicketEvent
from walletdesk.tickets.services.assignment import assign_many
from walletdesk.tickets.services.history import EVENT_ROW_FIELDS, event_row
from walletdesk.tickets.services.sla_clock import clock_of, ticket_sla_summary

SUPERVISOR_ROLES = [Agent.Role.SUPERVISOR, Agent.Role.ADMIN]
NOTICES_PER_BATCH = 10
RAISED = {p: q for p, q in zip(list(Priority)[:-1], list(Priority)[1:], strict=True)}


@dataclass
class SweepResult:
    tickets: int = 0
    warnings: int = 0
    breaches: int = 0
    reassigned: int = 0
    breached_ids: list[int] = field(default_factory=list)

    def add(self, other: "SweepResult") -> None:
        self.tickets += other.tickets
        self.warnings += other.warnings
        self.breaches += other.breaches
        self.reassigned += other.reassigned


def sla_sweep(
    *, at: datetime | None = None, batch_size: int = 1000, max_batches: int = 1000
) -> SweepResult:
    total = SweepResult()
    for _ in range(max_batches):
        result = sla_sweep_batch(at=at or now(), batch_size=batch_size)
        total.add(result)
        if result.tickets < batch_size:
            break
    return total


@transaction.atomic
def sla_sweep_batch(*, at: datetime, batch_size: int) -> SweepResult:
    ids = list(
        Ticket.objects.select_for_update(skip_locked=True)
        .filter(sla_next_check_at__lte=at)
        .order_by("sla_next_check_at")
        .values_list("id", flat=True)[:batch_size]
    )
    if not ids:
        return SweepResult()
    tickets = Ticket.objects.only("id", "priority", "team_id", "assignee_id", "number").in_bulk(ids)
    targets: dict[int, list[SlaTarget]] = defaultdict(list)
    for target in SlaTarget.objects.filter(
        ticket_id__in=ids, achieved_at__isnull=True, cancelled_at__isnull=True
    ):
        targets[target.ticket_id].append(target)
    result = SweepResult(tickets=len(ids))
    events: list[tuple] = []
    changed: list[SlaTarget] = []
    for ticket_id in ids:
        ticket = tickets[ticket_id]
        for target in targets[ticket_id]:
            for alarm in sla.alarms_due(clock_of(target), at):
                _raise(ticket, target, alarm, at, events, result)
                changed.append(target)
        ticket_sla_summary(ticket, targets[ticket_id])
    warned = [t.id for t in changed if t.warned_at == at]
    breached = [t.id for t in changed if t.breached_at == at]
    SlaTarget.objects.filter(id__in=warned).update(warned_at=at)
    SlaTarget.objects.filter(id__in=breached).update(breached_at=at)
    bulk_set(list(tickets.values()), ["sla_next_check_at", "sla_due_at", "priority"])
    bulk_insert(TicketEvent, EVENT_ROW_FIELDS, events)
    if result.breached_ids:
        _after_breaches([tickets[i] for i in result.breached_ids], at, result)
    return result


def _raise(ticket, target, alarm, at, events, result) -> None:
    data = {"target": target.kind, "due_at": target.due_at.isoformat() if target.due_at else None}
    if alarm == sla.Alarm.WARNING:
        target.warned_at = at
        result.warnings += 1
        events.append(event_row(ticket.id, "sla_warning", data, at))
        return
    target.breached_at = at
    result.breaches += 1
    events.append(event_row(ticket.id, "sla_breached", data, at))
    if ticket.id not in result.breached_ids:
        result.breached_ids.append(ticket.id)
        if ticket.priority in RAISED:
            raised = RAISED[ticket.priority]
            change = {"field": "priority", "from": ticket.priority, "to": raised}
            change["reason"] = "sla breach"
            events.append(event_row(ticket.id, "priority_changed", change, at))
            ticket.priority = RAISED[ticket.priority]


def _after_breaches(breached: list[Ticket], at: datetime, result: SweepResult) -> None:
    """Tell the teams' supervisors, and move tickets whose assignee is off shift or away."""
    _notify_supervisors(breached)
    working = _working_agents({t.assignee_id for t in breached if t.assignee_id}, at)
    stranded = [t.id for t in breached if t.assignee_id not in working]
    tickets = list(Ticket.objects.filter(id__in=stranded).select_related("team", "assignee"))
    result.reassigned += assign_many(tickets, at, language_fallback=True)


def _notify_supervisors(breached: list[Ticket]) -> None:
    """One notice per ticket, up to a few per supervisor and batch; then one summary notice."""
    supervisors = defaultdict(list)
    for agent in Agent.objects.filter(role__in=SUPERVISOR_ROLES).prefetch_related("teams"):
        for team in agent.teams.all():
            supervisors[team.id].append(agent)
    per_supervisor: dict[Agent, list[Ticket]] = defaultdict(list)
    for ticket in breached:
        for supervisor in supervisors.get(ticket.team_id or 0, []):
            per_supervisor[supervisor].append(ticket)
    notices = []
    for supervisor, tickets in per_supervisor.items():
        for t in tickets[:NOTICES_PER_BATCH]:
            notices.append(
                Notification(
                    agent=supervisor,
                    kind="sla_breach",
                    ticket_id=t.id,
                    text=f"{t.number} breached its SLA.",
                )
            )
        if len(tickets) > NOTICES_PER_BATCH:
            notices.append(
                Notification(
                    agent=supervisor,
                    kind="sla_breach",
                    text=f"{len(tickets)} tickets breached their SLA just now.",
                )
            )
    Notification.objects.bulk_create(notices)


def _working_agents(agent_ids: set[int], at: datetime) -> set[int]:
    agents = Agent.objects.filter(id__in=agent_ids, is_available=True).prefetch_related("shifts")
    return {
        a.id
        for a in agents
        if routing.is_on_shift(
            [routing.ShiftWindow(s.weekday, s.starts, s.ends) for s in a.shifts.all()],
            a.timezone,
            at,
        )
    }
