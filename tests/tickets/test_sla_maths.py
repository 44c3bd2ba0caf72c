"""SLA maths (walletdesk.tickets.sla): business time, policies, alarms. Pure; no database."""

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from walletdesk.tickets import sla
from walletdesk.tickets.sla import Alarm, Calendar, Policy, TargetClock, TicketFacts

SH, NY = ZoneInfo("Asia/Shanghai"), ZoneInfo("America/New_York")
H = 3600
ALWAYS = Calendar()
# Shanghai office: Mon-Fri 09-12 and 13-18 (8 h a day), closed on National Day 2026-10-01 (Thu).
OFFICE = Calendar(
    timezone="Asia/Shanghai",
    always_open=False,
    hours={d: ((time(9), time(12)), (time(13), time(18))) for d in range(5)},
    holidays=frozenset({date(2026, 10, 1)}),
)
# New York desk, every day: a night window across 02:00 (the DST switch) and a day window.
NIGHT_DESK = Calendar(
    timezone="America/New_York",
    always_open=False,
    hours={d: ((time(1), time(4)), (time(9), time(17))) for d in range(7)},
)


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def sh(*args):
    return datetime(*args, tzinfo=SH)


def ny(*args, fold=0):
    return datetime(*args, tzinfo=NY, fold=fold)


@pytest.mark.parametrize(
    ("calendar", "start", "end", "seconds"),
    [
        (ALWAYS, utc(2026, 1, 1), utc(2026, 1, 2, 1, 30), 25.5 * H),
        (ALWAYS, sh(2026, 1, 1), utc(2026, 1, 1), 8 * H),  # mixed zones
        (ALWAYS, ny(2026, 3, 8), ny(2026, 3, 8, 6), 5 * H),  # spring forward: 5 real hours
        (ALWAYS, ny(2026, 11, 1), ny(2026, 11, 1, 6), 7 * H),  # fall back: 7 real hours
        (ALWAYS, ny(2026, 3, 8), utc(2026, 3, 8, 10), 5 * H),
        (OFFICE, sh(2026, 3, 2, 9), sh(2026, 3, 2, 18), 8 * H),  # Monday, two windows
        (OFFICE, sh(2026, 3, 2, 10), sh(2026, 3, 2, 14), 3 * H),  # lunch not counted
        (OFFICE, sh(2026, 3, 2, 12, 30), sh(2026, 3, 2, 13, 30), 0.5 * H),
        (OFFICE, sh(2026, 3, 2, 7), sh(2026, 3, 2, 10), 1 * H),  # start before opening
        (OFFICE, sh(2026, 3, 2, 19), sh(2026, 3, 3, 8), 0),  # overnight, closed
        (OFFICE, sh(2026, 3, 6, 17), sh(2026, 3, 9, 10), 2 * H),  # over the weekend
        (OFFICE, sh(2026, 3, 7, 10), sh(2026, 3, 9, 9, 30), 0.5 * H),  # start on Saturday
        (OFFICE, sh(2026, 9, 30, 17), sh(2026, 10, 2, 10), 2 * H),  # over the holiday
        (OFFICE, sh(2026, 3, 2), sh(2026, 3, 9), 40 * H),  # a whole week
        (OFFICE, utc(2026, 3, 2, 1), utc(2026, 3, 2, 10), 8 * H),
        (NIGHT_DESK, ny(2026, 3, 7), ny(2026, 3, 7, 23), 11 * H),  # ordinary day
        (NIGHT_DESK, ny(2026, 3, 8), ny(2026, 3, 8, 23), 10 * H),  # 01-04 is 2 h on DST day
        (NIGHT_DESK, ny(2026, 11, 1), ny(2026, 11, 1, 23), 12 * H),  # and 4 h on fall back
        (NIGHT_DESK, ny(2026, 11, 1, 1, 30, fold=1), ny(2026, 11, 1, 4), 2.5 * H),
    ],
)
def test_business_seconds_between_known_spans(calendar, start, end, seconds):
    assert sla.business_seconds_between(start, end, calendar) == seconds
    assert sla.business_seconds_between(end, start, calendar) == -seconds


@pytest.mark.parametrize(
    ("calendar", "start", "seconds", "expected"),
    [
        (ALWAYS, utc(2026, 1, 1, 23), 2 * H, utc(2026, 1, 2, 1)),
        (ALWAYS, ny(2026, 3, 8), 6 * H, utc(2026, 3, 8, 11)),
        (ALWAYS, ny(2026, 11, 1), 6 * H, utc(2026, 11, 1, 10)),
        (OFFICE, sh(2026, 3, 2, 9), 3 * H, sh(2026, 3, 2, 12)),  # ends exactly at lunch
        (OFFICE, sh(2026, 3, 2, 9), 3 * H + 1, sh(2026, 3, 2, 13, 0, 1)),
        (OFFICE, sh(2026, 3, 2, 9), 8 * H + 60, sh(2026, 3, 3, 9, 1)),
        (OFFICE, sh(2026, 3, 6, 17), 2 * H, sh(2026, 3, 9, 10)),  # Friday -> Monday
        (OFFICE, sh(2026, 9, 30, 17), 2 * H, sh(2026, 10, 2, 10)),  # skips the holiday
        (OFFICE, sh(2026, 3, 2, 7), 30 * 60, sh(2026, 3, 2, 9, 30)),  # start before opening
        (OFFICE, sh(2026, 3, 7, 10), 0, sh(2026, 3, 9, 9)),  # zero from Saturday: next opening
        (OFFICE, sh(2026, 3, 2, 10), 0, sh(2026, 3, 2, 10)),
        (NIGHT_DESK, ny(2026, 3, 8, 1), 2 * H, ny(2026, 3, 8, 4)),
        (NIGHT_DESK, ny(2026, 3, 8, 1), 2 * H + 1, ny(2026, 3, 8, 9, 0, 1)),
        (NIGHT_DESK, ny(2026, 11, 1, 1), 3 * H, ny(2026, 11, 1, 3)),  # 1h extra in the night
        (NIGHT_DESK, utc(2026, 3, 9, 12), 0, utc(2026, 3, 9, 13)),
        (NIGHT_DESK, utc(2026, 3, 6, 13), 0, utc(2026, 3, 6, 14)),
    ],
)
def test_add_business_seconds(calendar, start, seconds, expected):
    result = sla.add_business_seconds(start, seconds, calendar)
    assert result == expected
    assert result.tzinfo is start.tzinfo


def test_always_open_calendar_ignores_hours_and_holidays():
    calendar = Calendar(always_open=True, holidays=frozenset({date(2026, 1, 1)}))
    start = utc(2026, 1, 1)
    assert sla.add_business_seconds(start, 90, calendar) == start + timedelta(seconds=90)
    assert sla.business_seconds_between(start, start + timedelta(days=1), calendar) == 24 * H


@pytest.mark.parametrize("hours", [{}, {0: ()}, {d: () for d in range(7)}])
def test_business_hours_calendar_without_hours_is_invalid(hours):
    with pytest.raises(ValueError, match="opening window"):
        Calendar(always_open=False, hours=hours)


def test_calendar_with_no_open_day_in_range_raises():
    mondays = frozenset(date(2026, 1, 5) + timedelta(weeks=w) for w in range(200))
    calendar = Calendar(always_open=False, hours={0: ((time(9), time(17)),)}, holidays=mondays)
    with pytest.raises(ValueError, match="no open time"):
        sla.add_business_seconds(utc(2026, 1, 1), 60, calendar)


def _moment(offset, zone):
    return (utc(2026, 1, 1) + timedelta(seconds=offset)).astimezone(zone)


starts = st.builds(_moment, st.integers(0, 366 * 86400), st.sampled_from([UTC, SH, NY]))


@given(starts, st.integers(0, 60 * 8 * H), st.sampled_from([OFFICE, NIGHT_DESK]))
@example(start=ny(2026, 3, 8, 0, 30), seconds=2 * H + 30, calendar=NIGHT_DESK)
@example(start=ny(2026, 11, 1, 1, 30, fold=1), seconds=3 * H, calendar=NIGHT_DESK)
@example(start=sh(2026, 9, 30, 17, 59), seconds=61, calendar=OFFICE)
def test_add_and_between_are_inverse(start, seconds, calendar):
    end = sla.add_business_seconds(start, seconds, calendar)
    assert end >= start
    assert sla.business_seconds_between(start, end, calendar) == seconds
    # `end` is the earliest such moment: a second earlier, less open time has passed.
    if seconds:
        assert sla.business_seconds_between(start, end - timedelta(seconds=1), calendar) < seconds


@given(a=starts, b=starts, c=starts, calendar=st.sampled_from([ALWAYS, OFFICE, NIGHT_DESK]))
def test_between_is_additive(a, b, c, calendar):
    a, b, c = sorted([a, b, c])
    ab = sla.business_seconds_between(a, b, calendar)
    bc = sla.business_seconds_between(b, c, calendar)
    assert 0 <= ab <= (b - a).total_seconds()
    assert sla.business_seconds_between(a, c, calendar) == ab + bc


FACTS = TicketFacts(priority="urgent", category="security", channel="email", segment="pro")


@pytest.mark.parametrize(
    ("policy", "matches"),
    [
        (Policy(id=1), True),
        (Policy(id=1, priorities=("urgent", "high")), True),
        (Policy(id=1, priorities=("low",)), False),
        (Policy(id=1, categories=("security",), channels=("email", "chat")), True),
        (Policy(id=1, categories=("security",), channels=("chat",)), False),
        (Policy(id=1, segments=("novice",)), False),
        (Policy(id=1, priorities=("urgent",), categories=("security",), segments=("pro",)), True),
    ],
)
def test_policy_matches(policy, matches):
    assert sla.policy_matches(policy, FACTS) is matches


def test_match_policy_takes_the_first_match_in_order():
    narrow, other, catch_all = (
        Policy(1, segments=("pro",)),
        Policy(2, channels=("chat",)),
        Policy(3),
    )
    assert sla.match_policy([other, narrow, catch_all], FACTS) is narrow
    assert sla.match_policy([catch_all, narrow], FACTS) is catch_all
    assert sla.match_policy([other], FACTS) is None
    assert sla.match_policy([], FACTS) is None


def test_schedule_in_business_hours():
    warn, due = sla.schedule(sh(2026, 3, 2, 9), 8 * H, OFFICE, 0.75)
    assert (warn, due) == (sh(2026, 3, 2, 16), sh(2026, 3, 2, 18))
    warn, due = sla.schedule(sh(2026, 3, 6, 17), 2 * H, OFFICE, 0.5)
    assert (warn, due) == (sh(2026, 3, 6, 18), sh(2026, 3, 9, 10))


T0 = utc(2026, 3, 2, 9)
CLOCK = TargetClock(T0 + timedelta(minutes=45), T0 + timedelta(hours=1), False, False)


@pytest.mark.parametrize(
    ("clock", "minutes", "expected"),
    [
        (CLOCK, 0, []),
        (CLOCK, 44, []),
        (CLOCK, 45, [Alarm.WARNING]),
        (replace(CLOCK, warned=True), 50, []),
        (replace(CLOCK, warned=True), 60, [Alarm.BREACH]),
        (CLOCK, 60, [Alarm.WARNING, Alarm.BREACH]),  # breach with no earlier warning
        (CLOCK, 600, [Alarm.WARNING, Alarm.BREACH]),
        (replace(CLOCK, warned=True, breached=True), 600, []),
        (replace(CLOCK, warn_at=None), 30, []),
        (replace(CLOCK, warn_at=None), 60, [Alarm.WARNING, Alarm.BREACH]),
        (replace(CLOCK, due_at=None, warn_at=None), 600, []),
    ],
)
def test_alarms_due(clock, minutes, expected):
    assert sla.alarms_due(clock, T0 + timedelta(minutes=minutes)) == expected


def run_sweeps(clock, minutes):
    raised = []
    for m in minutes:
        alarms = sla.alarms_due(clock, T0 + timedelta(minutes=m))
        raised += [(m, a) for a in alarms]
        clock = replace(
            clock,
            warned=clock.warned or bool(alarms),
            breached=clock.breached or Alarm.BREACH in alarms,
        )
    return raised


def test_frequent_sweeps_raise_warning_then_breach_exactly_once():
    raised = run_sweeps(CLOCK, range(0, 240, 5))
    assert raised == [(45, Alarm.WARNING), (60, Alarm.BREACH)]


def test_a_late_sweep_raises_both_once():
    assert run_sweeps(CLOCK, [10, 90, 120, 500]) == [(90, Alarm.WARNING), (90, Alarm.BREACH)]


@pytest.mark.parametrize(
    ("clock", "expected"),
    [
        (CLOCK, CLOCK.warn_at),
        (replace(CLOCK, warned=True), CLOCK.due_at),
        (replace(CLOCK, warn_at=None), CLOCK.due_at),
        (replace(CLOCK, warn_at=CLOCK.due_at + timedelta(hours=1)), CLOCK.due_at),
        (replace(CLOCK, warned=True, breached=True), None),
        (replace(CLOCK, due_at=None), None),
    ],
)
def test_next_check(clock, expected):
    assert sla.next_check(clock) == expected


@pytest.mark.parametrize(
    ("now", "remaining", "expected_warn", "expected_due"),
    [
        (sh(2026, 3, 2, 10), 1800, sh(2026, 3, 2, 10, 15), sh(2026, 3, 2, 10, 30)),
        (sh(2026, 3, 2, 10), 600, sh(2026, 3, 2, 10), sh(2026, 3, 2, 10, 10)),  # warn passed
        (sh(2026, 3, 2, 10), -120, sh(2026, 3, 2, 10), sh(2026, 3, 2, 10)),  # already overdue
        (sh(2026, 3, 7, 15), 1800, sh(2026, 3, 9, 9, 15), sh(2026, 3, 9, 9, 30)),  # on Saturday
        (sh(2026, 3, 2, 11, 50), 3600, sh(2026, 3, 2, 13, 35), sh(2026, 3, 2, 13, 50)),
    ],
)
def test_resume_after_pause(now, remaining, expected_warn, expected_due):
    # One-hour target warning at 75 %: the warning falls 15 minutes of open time before due.
    assert sla.resume(now, remaining, 3600, OFFICE, 0.75) == (expected_warn, expected_due)


def test_combine_earliest():
    a, b = T0, T0 + timedelta(minutes=1)
    assert sla.combine_earliest([None, b, a, None]) == a
    assert sla.combine_earliest([None, None]) is None
    assert sla.combine_earliest([]) is None
