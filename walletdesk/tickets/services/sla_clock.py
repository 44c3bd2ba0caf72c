"""Writes for SLA targets: start, pause, resume, achieve, cancel. The sweep lives in sla_sweep."""

import copy
from collections.abc import Sequence
from datetime import datetime

from walletdesk.core.conf import desk_setting
from walletdesk.tickets import sla
from walletdesk.tickets.choices import SlaKind
from walletdesk.tickets.models import SlaPolicy, SlaTarget, Ticket
from walletdesk.tickets.services.calendars import always_open_calendar, calendar_spec
from walletdesk.tickets.services.desk_config import desk_config

POLICY_MINUTES = {
    SlaKind.FIRST_RESPONSE: "first_response_minutes",
    SlaKind.NEXT_RESPONSE: "next_response_minutes",
    SlaKind.RESOLUTION: "resolution_minutes",
}


def warn_ratio() -> float:
    return float(desk_setting("SLA_WARNING_RATIO"))


def policy_spec(p: SlaPolicy) -> sla.Policy:
    return sla.Policy(
        id=p.id,
        priorities=tuple(p.priorities),
        categories=tuple(p.categories),
        channels=tuple(p.channels),
        segments=tuple(p.segments),
        first_response_minutes=p.first_response_minutes,
        next_response_minutes=p.next_response_minutes,
        resolution_minutes=p.resolution_minutes,
    )


def policy_for(*, priority: str, category: str, channel: str, segment: str) -> SlaPolicy | None:
    config = desk_config()
    facts = sla.TicketFacts(priority=priority, category=category, channel=channel, segment=segment)
    chosen = sla.match_policy(config.policy_specs, facts)
    row = next((p for p in config.policies if chosen and p.id == chosen.id), None)
    return copy.copy(row) if row is not None else None


def clock_of(target: SlaTarget) -> sla.TargetClock:
    return sla.TargetClock(
        warn_at=target.warn_at,
        due_at=target.due_at,
        warned=target.warned_at is not None,
        breached=target.breached_at is not None,
    )


def ticket_sla_summary(ticket: Ticket, targets: list[SlaTarget]) -> None:
    """Set the ticket's denormalised due/next-check times from its running targets (no save)."""
    running = [t for t in targets if t.is_running]
    ticket.sla_due_at = sla.combine_earliest([t.due_at for t in running])
    ticket.sla_next_check_at = sla.combine_earliest([sla.next_check(clock_of(t)) for t in running])


def _calendar_row(ticket: Ticket):
    config = desk_config()
    policy = ticket.sla_policy
    if policy is not None and policy.calendar_id:
        return config.calendar_row(policy.calendar_id) or policy.calendar
    if ticket.team_id:
        team = config.team(ticket.team_id) or ticket.team
        if team is not None:
            return config.calendar_row(team.calendar_id) or team.calendar
    return always_open_calendar()


def target_build(ticket: Ticket, kind: str, at: datetime) -> SlaTarget | None:
    """A new running target of `kind` per the ticket's policy, or None if the policy sets none."""
    policy = ticket.sla_policy
    minutes = getattr(policy, POLICY_MINUTES[SlaKind(kind)]) if policy else None
    if not minutes:
        return None
    calendar = _calendar_row(ticket)
    seconds = minutes * 60
    spec = desk_config().calendars.get(calendar.id) or calendar_spec(calendar)
    warn_at, due_at = sla.schedule(at, seconds, spec, warn_ratio())
    return SlaTarget(
        ticket=ticket,
        kind=kind,
        calendar=calendar,
        target_seconds=seconds,
        started_at=at,
        warn_at=warn_at,
        due_at=due_at,
    )


def running_targets(ticket: Ticket) -> list[SlaTarget]:
    return list(
        ticket.sla_targets.filter(achieved_at__isnull=True, cancelled_at__isnull=True)
        .select_related("calendar")
        .prefetch_related("calendar__hours", "calendar__holidays")
    )


def targets_build(ticket: Ticket, kinds: list[str], at: datetime) -> list[SlaTarget]:
    """Targets for a ticket not saved yet, with its summary set in memory; bulk_create them
    after the ticket (they take its id then)."""
    new = [t for k in kinds if (t := target_build(ticket, k, at)) is not None]
    ticket_sla_summary(ticket, new)
    return new


def targets_start(
    ticket: Ticket, kinds: list[str], at: datetime, *, running: list[SlaTarget] | None = None
) -> None:
    """Start targets (skipping kinds already running) and refresh the ticket's summary.
    A new ticket passes running=[] to save the query."""
    running = running_targets(ticket) if running is None else running
    have = {t.kind for t in running}
    new = [t for k in kinds if k not in have and (t := target_build(ticket, k, at)) is not None]
    SlaTarget.objects.bulk_create(new)
    ticket_sla_summary(ticket, running + new)


def targets_finish(ticket: Ticket, kinds: Sequence[str], at: datetime, *, achieved: bool) -> None:
    running = running_targets(ticket)
    for target in running:
        if target.kind in kinds:
            if achieved:
                target.achieved_at = at
            else:
                target.cancelled_at = at
            target.save(update_fields=["achieved_at", "cancelled_at"])
    ticket_sla_summary(ticket, running)


def targets_pause(ticket: Ticket, at: datetime) -> None:
    """Waiting on the customer: keep the business time left, stop the clock."""
    running = running_targets(ticket)
    for target in running:
        if target.due_at is None:
            continue
        left = sla.business_seconds_between(at, target.due_at, calendar_spec(target.calendar))
        target.remaining_seconds = max(left, 0)
        target.due_at = target.warn_at = None
        target.save(update_fields=["remaining_seconds", "due_at", "warn_at"])
    ticket_sla_summary(ticket, running)


def targets_resume(ticket: Ticket, at: datetime) -> None:
    running = running_targets(ticket)
    for target in running:
        if target.due_at is not None or target.remaining_seconds is None:
            continue
        target.warn_at, target.due_at = sla.resume(
            at,
            target.remaining_seconds,
            target.target_seconds,
            calendar_spec(target.calendar),
            warn_ratio(),
        )
        target.remaining_seconds = None
        target.save(update_fields=["remaining_seconds", "due_at", "warn_at"])
    ticket_sla_summary(ticket, running)
