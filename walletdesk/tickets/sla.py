"""SLA clock maths on plain data: business time, policy matching, target evaluation.

Everything here is pure: calendars, policies and targets come in as dataclasses, and times are
timezone-aware datetimes. The services turn rows into these and apply the results.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

MAX_SEARCH_DAYS = 800


@dataclass(frozen=True)
class Calendar:
    timezone: str = "UTC"
    always_open: bool = True
    hours: dict[int, tuple[tuple[time, time], ...]] = field(default_factory=dict)
    holidays: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        if not self.always_open and not any(self.hours.values()):
            raise ValueError("a business-hours calendar needs at least one opening window")


def open_windows(start: datetime, calendar: Calendar) -> Iterator[tuple[datetime, datetime]]:
    """Open windows, in order, that end after `start` (the first one clipped to start).

    Windows are yielded in UTC so that arithmetic on them counts real elapsed time: Python
    subtracts and adds aware datetimes sharing one tzinfo on the wall clock, which would make
    a DST-change day an hour too long or too short.
    """
    start = start.astimezone(UTC)
    if calendar.always_open:
        yield start, datetime.max.replace(tzinfo=UTC)
        return
    zone = ZoneInfo(calendar.timezone)
    day = start.astimezone(zone).date()
    for _ in range(MAX_SEARCH_DAYS):
        if day not in calendar.holidays:
            for opens, closes in calendar.hours.get(day.weekday(), ()):
                a = datetime.combine(day, opens, tzinfo=zone).astimezone(UTC)
                b = datetime.combine(day, closes, tzinfo=zone).astimezone(UTC)
                if b > start:
                    yield max(a, start), b
        day += timedelta(days=1)
    raise ValueError("calendar has no open time in the searched range")


def add_business_seconds(start: datetime, seconds: float, calendar: Calendar) -> datetime:
    """The moment when `seconds` of open time have passed since `start`."""
    left = timedelta(seconds=seconds)
    for a, b in open_windows(start, calendar):
        if calendar.always_open or a + left <= b:
            return (a + left).astimezone(start.tzinfo)
        left -= b - a
    raise AssertionError("unreachable")  # pragma: no cover


def business_seconds_between(start: datetime, end: datetime, calendar: Calendar) -> int:
    """Open time from start to end, in whole seconds; negative when end is before start."""
    if end < start:
        return -business_seconds_between(end, start, calendar)
    total = timedelta()
    for a, b in open_windows(start, calendar):
        if a >= end:
            break
        total += min(b, end) - a
    return int(total.total_seconds())


@dataclass(frozen=True)
class Policy:
    id: int
    priorities: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    segments: tuple[str, ...] = ()
    first_response_minutes: int | None = None
    next_response_minutes: int | None = None
    resolution_minutes: int | None = None


@dataclass(frozen=True)
class TicketFacts:
    priority: str
    category: str
    channel: str
    segment: str


def policy_matches(policy: Policy, facts: TicketFacts) -> bool:
    checks = (
        (policy.priorities, facts.priority),
        (policy.categories, facts.category),
        (policy.channels, facts.channel),
        (policy.segments, facts.segment),
    )
    return all(not allowed or value in allowed for allowed, value in checks)


def match_policy(policies: Sequence[Policy], facts: TicketFacts) -> Policy | None:
    """The first policy (in the given order) whose every non-empty condition matches."""
    return next((p for p in policies if policy_matches(p, facts)), None)


class Alarm(StrEnum):
    WARNING = "warning"
    BREACH = "breach"


@dataclass(frozen=True)
class TargetClock:
    """A running target: the moments it warns and breaches, and whether it already did."""

    warn_at: datetime | None
    due_at: datetime | None
    warned: bool
    breached: bool


def schedule(
    start: datetime, seconds: int, calendar: Calendar, warn_ratio: float
) -> tuple[datetime, datetime]:
    """(warn_at, due_at) for a target of `seconds` business time starting at `start`."""
    due = add_business_seconds(start, seconds, calendar)
    warn = add_business_seconds(start, seconds * warn_ratio, calendar)
    return warn, due


def alarms_due(clock: TargetClock, now: datetime) -> list[Alarm]:
    """Alarms that have become due at `now` and were not raised yet (a breach implies a warning)."""
    alarms = []
    if clock.due_at is not None and not clock.breached and now >= clock.due_at:
        if not clock.warned:
            alarms.append(Alarm.WARNING)
        alarms.append(Alarm.BREACH)
    elif clock.warn_at is not None and not clock.warned and now >= clock.warn_at:
        alarms.append(Alarm.WARNING)
    return alarms


def next_check(clock: TargetClock) -> datetime | None:
    """When this target next needs looking at, or None when nothing is left to raise."""
    if clock.breached or clock.due_at is None:
        return None
    if not clock.warned and clock.warn_at is not None:
        return min(clock.warn_at, clock.due_at)
    return clock.due_at


def resume(
    now: datetime,
    remaining_seconds: int,
    target_seconds: int,
    calendar: Calendar,
    warn_ratio: float,
) -> tuple[datetime, datetime]:
    """(warn_at, due_at) for a paused target resumed at `now` with `remaining_seconds` left."""
    due = add_business_seconds(now, max(remaining_seconds, 0), calendar)
    until_warn = remaining_seconds - target_seconds * (1 - warn_ratio)
    warn = add_business_seconds(now, max(until_warn, 0), calendar)
    return warn, due


def combine_earliest(moments: Sequence[datetime | None]) -> datetime | None:
    present = [m for m in moments if m is not None]
    return min(present) if present else None
