"""Who is on shift now and who comes next (pure: plain data in, plain data out)."""

from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from walletdesk.tickets.routing import ShiftWindow, is_on_shift


def next_shift_start(shifts: Sequence[ShiftWindow], timezone: str, at: datetime) -> datetime | None:
    """The first shift start after `at` within a week, in UTC; None without shifts."""
    local = at.astimezone(ZoneInfo(timezone))
    starts = []
    for day_offset in range(8):
        day = (local + timedelta(days=day_offset)).date()
        for shift in shifts:
            if day.weekday() != shift.weekday:
                continue
            start = datetime.combine(day, shift.starts, tzinfo=local.tzinfo)
            if start > local:
                starts.append(start)
    return min(starts).astimezone(at.tzinfo) if starts else None


def shift_board[T](
    agents: Sequence[tuple[T, Sequence[ShiftWindow], str]], at: datetime, horizon: timedelta
) -> tuple[list[T], list[tuple[T, datetime]]]:
    """Split agents into those on shift now and those starting within `horizon`, soonest first."""
    on_now: list[T] = []
    upcoming: list[tuple[T, datetime]] = []
    for agent, shifts, timezone in agents:
        if is_on_shift(shifts, timezone, at):
            on_now.append(agent)
            continue
        start = next_shift_start(shifts, timezone, at)
        if start is not None and start - at <= horizon:
            upcoming.append((agent, start))
    upcoming.sort(key=lambda pair: pair[1])
    return on_now, upcoming
