"""The SLA worker's sweep: raise warnings and breaches that have come due, in batches.

Each batch claims its tickets with SELECT ... FOR UPDATE SKIP LOCKED, so several workers on
PostgreSQL share the load without processing a ticket twice.
"""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.db import connection, transaction
from django.db.models import Value
from django.db.models.functions import Coalesce

from walletdesk.accounts.models import Agent, Notification
from walletdesk.accounts.services import notice_build, notifications_send
from walletdesk.core.bulk import bulk_insert, bulk_set_rows
from walletdesk.core.clock import now
from walletdesk.tickets import routing, sla
from walletdesk.tickets.choices import Priority
from walletdesk.tickets.models import SlaTarget, Ticket, TicketEvent
from walletdesk.tickets.services.assignment import assign_many
from walletdesk.tickets.services.history import EVENT_ROW_FIELDS, event_row

SUPERVISOR_ROLES = [Agent.Role.SUPERVISOR, Agent.Role.ADMIN]
NOTICES_PER_BATCH = 10
Kind = Notification.Kind
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


@dataclass
class Swept:
    """A claimed ticket: what the sweep reads and may change (no model instance needed)."""

    id: int
    number: str
    priority: str
    team_id: int | None
    assignee_id: int | None
    breached_target: str = ""  # the first target this sweep found breached


TARGET_COLUMNS = ("id", "ticket_id", "kind", "warn_at", "due_at", "warned_at", "breached_at")


@transaction.atomic
def sla_sweep_batch(*, at: datetime, batch_size: int) -> SweepResult:
    if connection.vendor == "postgresql":
        # A batch lost in a crash right after commit is swept again: nothing is lost but time.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
    claimed = (
        Ticket.objects.select_for_update(skip_locked=True)
        .filter(sla_next_check_at__lte=at)
        .order_by("sla_next_check_at")
        .values_list("id", "number", "priority", "team_id", "assignee_id")[:batch_size]
    )
    tickets = {row[0]: Swept(*row) for row in claimed}
    if not tickets:
        return SweepResult()
    targets: dict[int, list[tuple]] = defaultdict(list)
    running = SlaTarget.objects.filter(
        ticket_id__any_of=list(tickets), achieved_at__isnull=True, cancelled_at__isnull=True
    )
    for row in running.values_list(*TARGET_COLUMNS):
        targets[row[1]].append(row)
    result, found = SweepResult(tickets=len(tickets)), _Found()
    for ticket in tickets.values():
        _ticket_alarms(ticket, targets[ticket.id], at, found, result)
    SlaTarget.objects.filter(id__any_of=found.breached).update(
        breached_at=at, warned_at=Coalesce("warned_at", Value(at))
    )
    SlaTarget.objects.filter(id__any_of=found.warned).update(warned_at=at)
    bulk_set_rows(Ticket, ["sla_next_check_at", "sla_due_at", "priority"], found.summaries)
    bulk_insert(TicketEvent, EVENT_ROW_FIELDS, found.events)
    if found.warnings:
        _warn_assignees(found.warnings)
    if result.breached_ids:
        _after_breaches([tickets[i] for i in result.breached_ids], at, result)
    return result


@dataclass
class _Found:
    """What a batch's sweep found, written with one statement per kind afterwards."""

    events: list[tuple] = field(default_factory=list)
    warned: list[int] = field(default_factory=list)  # target ids
    warnings: list[tuple[Swept, str]] = field(default_factory=list)  # (ticket, target kind)
    breached: list[int] = field(default_factory=list)  # target ids
    summaries: list[tuple] = field(default_factory=list)


def _ticket_alarms(
    ticket: Swept, rows: list[tuple], at: datetime, found: _Found, result: SweepResult
) -> None:
    clocks, breaches_before = [], result.breaches
    for target_id, _, kind, warn_at, due_at, warned_at, breached_at in rows:
        clock = sla.TargetClock(warn_at, due_at, warned_at is not None, breached_at is not None)
        alarms = sla.alarms_due(clock, at)
        if sla.Alarm.BREACH in alarms:  # its warning, if still owed, is implied
            found.breached.append(target_id)
            ticket.breached_target = ticket.breached_target or kind
            clock = replace(clock, warned=True, breached=True)
            result.breaches += 1
            found.events.append(event_row(ticket.id, "sla_breached", _data(kind, due_at), at))
        elif alarms:
            found.warned.append(target_id)
            found.warnings.append((ticket, kind))
            clock = replace(clock, warned=True)
            result.warnings += 1
            found.events.append(event_row(ticket.id, "sla_warning", _data(kind, due_at), at))
        clocks.append(clock)
    if breaches_before < result.breaches:
        _escalate(ticket, at, found.events, result)
    found.summaries.append(
        (
            ticket.id,
            sla.combine_earliest([sla.next_check(c) for c in clocks]),
            sla.combine_earliest([c.due_at for c in clocks]),
            ticket.priority,
        )
    )


def _data(kind: str, due_at: datetime | None) -> dict:
    return {"target": kind, "due_at": due_at.isoformat() if due_at else None}


def _escalate(ticket: Swept, at: datetime, events: list, result: SweepResult) -> None:
    """A ticket that breached one or more targets: counted once, priority raised one step."""
    result.breached_ids.append(ticket.id)
    if ticket.priority in RAISED:
        raised = RAISED[Priority(ticket.priority)].value
        change = {"field": "priority", "from": ticket.priority, "to": raised}
        events.append(
            event_row(ticket.id, "priority_changed", {**change, "reason": "sla breach"}, at)
        )
        ticket.priority = raised


def _after_breaches(breached: list[Swept], at: datetime, result: SweepResult) -> None:
    """Tell the teams' supervisors, and move tickets whose assignee is off shift or away."""
    _notify_supervisors(breached)
    working = _working_agents({t.assignee_id for t in breached if t.assignee_id}, at)
    stranded = [t.id for t in breached if t.assignee_id not in working]
    tickets = list(Ticket.objects.filter(id__in=stranded).select_related("team", "assignee"))
    result.reassigned += assign_many(tickets, at, language_fallback=True)


def _notify_supervisors(breached: list[Swept]) -> None:
    """One notice per ticket, up to a few per supervisor and batch; then one summary notice."""
    supervisors = defaultdict(list)
    for agent in Agent.objects.filter(role__in=SUPERVISOR_ROLES).prefetch_related("teams"):
        for team in agent.teams.all():
            supervisors[team.id].append(agent.id)
    per_supervisor: dict[int, list[Swept]] = defaultdict(list)
    for ticket in breached:
        for supervisor in supervisors.get(ticket.team_id or 0, []):
            per_supervisor[supervisor].append(ticket)
    notices = []
    for supervisor, tickets in per_supervisor.items():
        for t in tickets[:NOTICES_PER_BATCH]:
            data = {"number": t.number, "target": t.breached_target}
            notices.append(_notice(supervisor, Kind.SLA_BREACH, data, t.id))
        if len(tickets) > NOTICES_PER_BATCH:
            notices.append(_notice(supervisor, Kind.SLA_BREACH, {"count": len(tickets)}))
    notifications_send(notices=notices)


def _warn_assignees(warned: list[tuple[Swept, str]]) -> None:
    """Tell each assignee which of their tickets will breach soon (a few per batch)."""
    per_agent: dict[int, list[tuple[Swept, str]]] = defaultdict(list)
    for ticket, target in warned:
        if ticket.assignee_id is not None:
            per_agent[ticket.assignee_id].append((ticket, target))
    notifications_send(
        notices=[
            _notice(agent, Kind.SLA_WARNING, {"number": t.number, "target": target}, t.id)
            for agent, items in per_agent.items()
            for t, target in items[:NOTICES_PER_BATCH]
        ]
    )


def _notice(agent_id: int, kind: str, data: dict, ticket_id: int | None = None) -> Notification:
    return notice_build(agent_id=agent_id, kind=kind, data=data, ticket_id=ticket_id)


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
