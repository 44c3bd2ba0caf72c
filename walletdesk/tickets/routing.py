"""Routing rules and agent selection, as pure functions on plain data."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Rule:
    id: int
    team_id: int
    categories: tuple[str, ...] = ()
    intents: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    chains: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    required_skills: tuple[str, ...] = ()
    set_priority: str = ""


@dataclass(frozen=True)
class RouteFacts:
    category: str
    intent: str
    language: str
    chain: str
    channel: str


def rule_matches(rule: Rule, facts: RouteFacts) -> bool:
    checks = (
        (rule.categories, facts.category),
        (rule.intents, facts.intent),
        (rule.languages, facts.language),
        (rule.chains, facts.chain),
        (rule.channels, facts.channel),
    )
    return all(not allowed or value in allowed for allowed, value in checks)


def match_rule(rules: Sequence[Rule], facts: RouteFacts) -> Rule | None:
    return next((r for r in rules if rule_matches(r, facts)), None)


@dataclass(frozen=True)
class ShiftWindow:
    weekday: int
    starts: time
    ends: time


def is_on_shift(shifts: Sequence[ShiftWindow], timezone: str, at: datetime) -> bool:
    """True when `at` falls in one of the weekly windows (in the agent's time zone).

    A window whose end is not after its start runs past midnight into the next day.
    """
    local = at.astimezone(ZoneInfo(timezone))
    for shift in shifts:
        for day_offset in (0, -1):
            day = (local + timedelta(days=day_offset)).date()
            if day.weekday() != shift.weekday:
                continue
            start = datetime.combine(day, shift.starts, tzinfo=local.tzinfo)
            end_day = day if shift.ends > shift.starts else day + timedelta(days=1)
            end = datetime.combine(end_day, shift.ends, tzinfo=local.tzinfo)
            if start <= local < end:
                return True
    return False


@dataclass(frozen=True)
class Candidate:
    agent_id: int
    on_shift: bool
    available: bool
    skills: frozenset[str]
    languages: frozenset[str]
    open_load: int
    capacity: int
    last_assigned_at: datetime | None


def eligible(c: Candidate, required_skills: frozenset[str], language: str) -> bool:
    speaks = not c.languages or not language or language in c.languages
    return (
        c.on_shift
        and c.available
        and c.open_load < c.capacity
        and required_skills <= c.skills
        and speaks
    )


def pick_agent(
    candidates: Sequence[Candidate],
    *,
    required_skills: frozenset[str],
    language: str,
    language_fallback: bool = False,
) -> int | None:
    """Least open load wins; among equals the one assigned longest ago (round robin).

    Agents who speak the ticket's language come first. With language_fallback (urgent tickets,
    breached SLAs) an on-shift agent without the language takes the ticket rather than letting
    it wait for a speaker's shift.
    """
    pool = [c for c in candidates if eligible(c, required_skills, language)]
    if not pool and language_fallback:
        pool = [c for c in candidates if eligible(c, required_skills, "")]
    if not pool:
        return None
    best = min(pool, key=lambda c: (c.open_load, c.last_assigned_at or EPOCH, c.agent_id))
    return best.agent_id
