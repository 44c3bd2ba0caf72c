"""A roster entry answers "on shift?" once per minute; the answer still changes on the minute a
shift starts or ends, and windows with seconds in them are checked every time."""

from datetime import UTC, datetime, time

from walletdesk.accounts.models import Agent
from walletdesk.tickets.routing import ShiftWindow
from walletdesk.tickets.services.desk_config import RosterEntry

MONDAY = datetime(2026, 12, 7, tzinfo=UTC)  # a Monday


def at(hh: int, mm: int, ss: int = 0) -> datetime:
    return MONDAY.replace(hour=hh, minute=mm, second=ss)


def entry(ends: time, timezone: str = "UTC") -> RosterEntry:
    return RosterEntry(Agent(timezone=timezone), (ShiftWindow(0, time(9), ends),))


def test_answer_changes_on_the_minute_the_shift_ends():
    e = entry(ends=time(17))
    assert e.on_shift(at(16, 59, 0)) is True
    assert e.on_shift(at(16, 59, 59)) is True
    assert e.on_shift(at(17, 0, 0)) is False
    assert e.on_shift(at(16, 59, 30)) is True  # an earlier minute is worked out again


def test_window_ending_within_a_minute_is_checked_each_time():
    e = entry(ends=time(17, 0, 30))
    assert e.on_shift(at(17, 0, 10)) is True
    assert e.on_shift(at(17, 0, 40)) is False


def test_agent_time_zone_applies():
    e = entry(ends=time(17), timezone="Asia/Shanghai")  # 09:00-17:00 Shanghai = 01:00-09:00 UTC
    assert e.on_shift(at(8, 59)) is True
    assert e.on_shift(at(9, 0)) is False
    assert e.on_shift(at(0, 59)) is False
