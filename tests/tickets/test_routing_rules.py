"""Routing rules, shifts and agent picking (walletdesk.tickets.routing). Pure; no database."""

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from walletdesk.tickets.routing import (
    Candidate,
    RouteFacts,
    Rule,
    ShiftWindow,
    eligible,
    is_on_shift,
    match_rule,
    pick_agent,
    rule_matches,
)

FACTS = RouteFacts(
    category="technical", intent="stuck_tx", language="zh-hans", chain="eth", channel="app"
)


@pytest.mark.parametrize(
    ("rule", "matches"),
    [
        (Rule(id=1, team_id=1), True),
        (Rule(id=1, team_id=1, categories=("technical", "security")), True),
        (Rule(id=1, team_id=1, categories=("security",)), False),
        (Rule(id=1, team_id=1, intents=("stuck_tx",), chains=("eth", "bsc")), True),
        (Rule(id=1, team_id=1, intents=("stuck_tx",), chains=("btc",)), False),
        (Rule(id=1, team_id=1, languages=("en",)), False),
        (Rule(id=1, team_id=1, languages=("zh-hans",), channels=("app",)), True),
        (Rule(id=1, team_id=1, channels=("email",)), False),
        # required_skills and set_priority are outputs, not conditions
        (Rule(id=1, team_id=1, required_skills=("evm",), set_priority="urgent"), True),
    ],
)
def test_rule_matches(rule, matches):
    assert rule_matches(rule, FACTS) is matches


def test_match_rule_takes_the_first_matching_rule_in_order():
    eth = Rule(id=1, team_id=10, chains=("eth",))
    btc = Rule(id=2, team_id=20, chains=("btc",))
    fallback = Rule(id=3, team_id=30)
    assert match_rule([btc, eth, fallback], FACTS) is eth
    assert match_rule([fallback, eth], FACTS) is fallback
    assert match_rule([btc], FACTS) is None
    assert match_rule([], FACTS) is None


MON, TUE, WED, FRI, SAT, SUN = 0, 1, 2, 4, 5, 6


def utc(*args):
    return datetime(*args, tzinfo=UTC)


# 2026-03-02 is a Monday; 2026-03-08 is the US spring-forward Sunday.
@pytest.mark.parametrize(
    ("shift", "zone", "at", "on"),
    [
        (ShiftWindow(MON, time(9), time(17)), "UTC", utc(2026, 3, 2, 9), True),  # start inclusive
        (ShiftWindow(MON, time(9), time(17)), "UTC", utc(2026, 3, 2, 16, 59), True),
        (ShiftWindow(MON, time(9), time(17)), "UTC", utc(2026, 3, 2, 17), False),  # end exclusive
        (ShiftWindow(MON, time(9), time(17)), "UTC", utc(2026, 3, 2, 8, 59), False),
        (ShiftWindow(MON, time(9), time(17)), "UTC", utc(2026, 3, 3, 10), False),  # Tuesday
        (ShiftWindow(MON, time(9), time(17)), "UTC", utc(2026, 3, 9, 10), True),  # next week
        # past midnight: Friday 22:00 -> Saturday 06:00
        (ShiftWindow(FRI, time(22), time(6)), "UTC", utc(2026, 3, 6, 23), True),
        (ShiftWindow(FRI, time(22), time(6)), "UTC", utc(2026, 3, 7, 5, 59), True),
        (ShiftWindow(FRI, time(22), time(6)), "UTC", utc(2026, 3, 7, 6), False),
        (ShiftWindow(FRI, time(22), time(6)), "UTC", utc(2026, 3, 6, 21, 59), False),
        (ShiftWindow(FRI, time(22), time(6)), "UTC", utc(2026, 3, 6, 3), False),  # Friday morning
        (ShiftWindow(FRI, time(22), time(6)), "UTC", utc(2026, 3, 7, 23), False),  # Saturday night
        (ShiftWindow(SUN, time(22), time(2)), "UTC", utc(2026, 3, 9, 1), True),  # Sunday -> Monday
        (ShiftWindow(TUE, time(18), time(0)), "UTC", utc(2026, 3, 3, 23, 59), True),
        (ShiftWindow(TUE, time(18), time(0)), "UTC", utc(2026, 3, 4, 0), False),
        # end == start: a full 24 hours
        (ShiftWindow(WED, time(8), time(8)), "UTC", utc(2026, 3, 4, 8), True),
        (ShiftWindow(WED, time(8), time(8)), "UTC", utc(2026, 3, 5, 7, 59), True),
        (ShiftWindow(WED, time(8), time(8)), "UTC", utc(2026, 3, 5, 8), False),
        # the agent's own time zone decides the weekday and the hour
        (ShiftWindow(MON, time(9), time(18)), "Asia/Shanghai", utc(2026, 3, 2, 1), True),
        (ShiftWindow(MON, time(9), time(18)), "Asia/Shanghai", utc(2026, 3, 2, 10), False),
        (ShiftWindow(MON, time(6), time(10)), "Asia/Shanghai", utc(2026, 3, 1, 23), True),
        (ShiftWindow(SUN, time(20), time(23)), "Asia/Shanghai", utc(2026, 3, 1, 13), True),
        (ShiftWindow(SUN, time(20), time(23)), "Asia/Shanghai", utc(2026, 3, 1, 20), False),
        # New York before and after the DST change
        (ShiftWindow(MON, time(9), time(17)), "America/New_York", utc(2026, 3, 2, 13, 30), False),
        (ShiftWindow(MON, time(9), time(17)), "America/New_York", utc(2026, 3, 9, 13, 30), True),
        (ShiftWindow(MON, time(9), time(17)), "America/New_York", utc(2026, 3, 2, 21, 30), True),
        (ShiftWindow(MON, time(9), time(17)), "America/New_York", utc(2026, 3, 9, 21, 30), False),
        (ShiftWindow(SAT, time(22), time(4)), "America/New_York", utc(2026, 3, 8, 7, 30), True),
        (ShiftWindow(SAT, time(22), time(4)), "America/New_York", utc(2026, 3, 8, 8, 30), False),
        (ShiftWindow(SAT, time(22), time(4)), "America/New_York", utc(2026, 11, 1, 8, 30), True),
    ],
)
def test_is_on_shift(shift, zone, at, on):
    assert is_on_shift([shift], zone, at) is on


def test_is_on_shift_with_several_windows_or_none():
    shifts = [ShiftWindow(MON, time(8), time(12)), ShiftWindow(MON, time(14), time(18))]
    assert is_on_shift(shifts, "UTC", utc(2026, 3, 2, 9))
    assert not is_on_shift(shifts, "UTC", utc(2026, 3, 2, 13))
    assert is_on_shift(shifts, "UTC", utc(2026, 3, 2, 15))
    assert not is_on_shift([], "UTC", utc(2026, 3, 2, 9))


T0 = utc(2026, 3, 2, 9)


def agent(agent_id, **kw):
    defaults = dict(
        on_shift=True,
        available=True,
        skills=frozenset({"evm", "btc"}),
        languages=frozenset({"en", "zh-hans"}),
        open_load=0,
        capacity=5,
        last_assigned_at=None,
    )
    return Candidate(agent_id=agent_id, **{**defaults, **kw})


@pytest.mark.parametrize(
    ("changes", "skills", "language", "ok"),
    [
        ({}, frozenset(), "en", True),
        ({"on_shift": False}, frozenset(), "en", False),
        ({"available": False}, frozenset(), "en", False),
        ({"open_load": 4}, frozenset(), "en", True),
        ({"open_load": 5}, frozenset(), "en", False),  # at capacity
        ({"open_load": 7}, frozenset(), "en", False),
        ({"capacity": 0}, frozenset(), "en", False),
        ({}, frozenset({"evm"}), "en", True),
        ({}, frozenset({"evm", "btc"}), "en", True),
        ({}, frozenset({"evm", "solana"}), "en", False),
        ({"skills": frozenset()}, frozenset({"evm"}), "en", False),
        ({}, frozenset(), "ja", False),
        ({"languages": frozenset()}, frozenset(), "ja", True),  # no languages listed: any
        ({}, frozenset(), "", True),  # ticket language unknown
    ],
)
def test_eligible(changes, skills, language, ok):
    assert eligible(agent(1, **changes), skills, language) is ok


def pick(candidates, skills=frozenset(), language="en"):
    return pick_agent(candidates, required_skills=skills, language=language)


def test_least_load_wins():
    assert pick([agent(1, open_load=3), agent(2, open_load=1), agent(3, open_load=2)]) == 2


def test_equal_load_goes_to_the_one_assigned_longest_ago():
    candidates = [
        agent(1, last_assigned_at=T0),
        agent(2, last_assigned_at=T0 - timedelta(hours=2)),
        agent(3, last_assigned_at=T0 - timedelta(hours=1)),
    ]
    assert pick(candidates) == 2
    assert pick([*candidates, agent(4, last_assigned_at=None)]) == 4  # never assigned goes first
    assert pick([agent(9), agent(5), agent(7)]) == 5  # full tie: lowest id


def test_last_assigned_compares_instants_across_time_zones():
    shanghai_0900 = datetime(2026, 3, 2, 9, tzinfo=ZoneInfo("Asia/Shanghai"))  # 01:00 UTC
    assert (
        pick(
            [
                agent(1, last_assigned_at=utc(2026, 3, 2, 2)),
                agent(2, last_assigned_at=shanghai_0900),
            ]
        )
        == 2
    )


def test_ineligible_agents_are_skipped_even_when_idle():
    candidates = [
        agent(1, on_shift=False),
        agent(2, available=False),
        agent(3, skills=frozenset({"btc"})),
        agent(4, languages=frozenset({"en"})),
        agent(5, open_load=4),
    ]
    assert pick(candidates, skills=frozenset({"evm"}), language="zh-hans") == 5
    assert pick(candidates[:4], skills=frozenset({"evm"}), language="zh-hans") is None
    assert pick([]) is None


def test_round_robin_among_equals_until_capacity():
    team = {i: agent(i, capacity=2) for i in (1, 2, 3)}
    order, now = [], T0
    while (chosen := pick(list(team.values()))) is not None:
        order.append(chosen)
        c = team[chosen]
        team[chosen] = replace(c, open_load=c.open_load + 1, last_assigned_at=now)
        now += timedelta(minutes=1)
    assert order == [1, 2, 3, 1, 2, 3]


def test_round_robin_when_load_stays_equal():
    team = {i: agent(i, open_load=1, last_assigned_at=T0 - timedelta(minutes=i)) for i in (1, 2, 3)}
    order, now = [], T0
    for _ in range(6):
        chosen = pick(list(team.values()))
        order.append(chosen)
        team[chosen] = replace(team[chosen], last_assigned_at=now)
        now += timedelta(minutes=1)
    assert order == [3, 2, 1, 3, 2, 1]


candidates = st.lists(
    st.builds(
        agent,
        st.integers(1, 1000),
        on_shift=st.booleans(),
        available=st.booleans(),
        skills=st.frozensets(st.sampled_from(["evm", "btc", "sol"])),
        languages=st.frozensets(st.sampled_from(["en", "zh-hans"])),
        open_load=st.integers(0, 6),
        capacity=st.integers(0, 6),
        last_assigned_at=st.none()
        | st.integers(0, 10_000).map(lambda m: T0 - timedelta(minutes=m)),
    ),
    max_size=8,
    unique_by=lambda c: c.agent_id,
)


@given(
    candidates,
    st.frozensets(st.sampled_from(["evm", "btc", "sol"]), max_size=2),
    st.sampled_from(["en", "zh-hans", ""]),
)
def test_pick_agent_picks_an_eligible_agent_with_the_least_load(pool, skills, language):
    chosen = pick(pool, skills, language)
    ok = [c for c in pool if eligible(c, skills, language)]
    if not ok:
        assert chosen is None
        return
    picked = next(c for c in ok if c.agent_id == chosen)
    assert picked.open_load == min(c.open_load for c in ok)


def test_speakers_of_the_language_come_first_even_when_busier():
    candidates = [agent(1, languages=frozenset({"en"})), agent(2, open_load=5, capacity=10)]
    chosen = pick_agent(
        candidates, required_skills=frozenset(), language="zh-hans", language_fallback=True
    )
    assert chosen == 2


def test_without_a_speaker_on_shift_only_fallback_assigns_someone_else():
    english_only = [agent(1, languages=frozenset({"en"})), agent(2, languages=frozenset({"en"}))]
    assert pick(english_only, language="zh-hans") is None  # waits for a speaker's shift
    chosen = pick_agent(
        english_only, required_skills=frozenset(), language="zh-hans", language_fallback=True
    )
    assert chosen == 1
    off_shift = [agent(3, on_shift=False)]
    assert (
        pick_agent(
            off_shift, required_skills=frozenset(), language="zh-hans", language_fallback=True
        )
        is None
    )
