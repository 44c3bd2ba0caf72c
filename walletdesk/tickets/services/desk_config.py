"""The desk's configuration as one per-process snapshot: routing rules, SLA policies, teams,
business calendars and each team's roster (agents with their skills and shifts). Every ticket
creation needs all of them; reading them from the database each time cost a dozen queries.
What changes all day (availability, last assignment, open load) is not in it.

The snapshot is rebuilt after `DESK_CONFIG_TTL` seconds, and at once in this process when one of
those rows is saved or deleted here (signals). Other processes see a change within the TTL.
"""

import copy
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save

from walletdesk.accounts.models import Agent, BusinessCalendar, BusinessHours, Holiday, Shift, Team
from walletdesk.core.conf import desk_setting
from walletdesk.tickets import routing, sla
from walletdesk.tickets.models import RoutingRule, SlaPolicy
from walletdesk.tickets.services.calendars import calendar_spec


@dataclass(frozen=True)
class RosterEntry:
    """An active agent of a team with the shift windows routing checks."""

    agent: Agent
    shifts: tuple[routing.ShiftWindow, ...]
    # Worked out once from the two above: every ticket creation reads them for each agent.
    skills: frozenset[str] = field(init=False)
    languages: frozenset[str] = field(init=False)
    whole_minutes: bool = field(init=False)
    _memo: list = field(default_factory=lambda: [(None, False)], compare=False, repr=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__  # frozen
        set_(self, "skills", frozenset(self.agent.skills))
        set_(self, "languages", frozenset(self.agent.languages))
        set_(self, "whole_minutes", _whole_minutes(self.shifts))

    def on_shift(self, at: datetime) -> bool:
        """routing.is_on_shift, worked out once per minute. Windows that start or end within a
        minute are checked each time (time zones' offsets have been whole minutes since 1972)."""
        if not self.whole_minutes:
            return routing.is_on_shift(self.shifts, self.agent.timezone, at)
        minute = int(at.timestamp()) // 60
        seen, answer = self._memo[0]  # one (minute, answer) pair: threads swap it whole
        if seen != minute:
            answer = routing.is_on_shift(self.shifts, self.agent.timezone, at)
            self._memo[0] = (minute, answer)
        return answer


def _whole_minutes(shifts: tuple[routing.ShiftWindow, ...]) -> bool:
    return all(t.second == 0 and t.microsecond == 0 for s in shifts for t in (s.starts, s.ends))


@dataclass(frozen=True)
class DeskConfig:
    rules: tuple[routing.Rule, ...]
    policies: tuple[SlaPolicy, ...]
    policy_specs: tuple[sla.Policy, ...]  # the same policies, as sla.match_policy takes them
    teams: dict[int, Team]
    calendar_rows: dict[int, BusinessCalendar]
    calendars: dict[int, sla.Calendar]
    rosters: dict[int, tuple["RosterEntry", ...]]
    loaded_at: float

    def team(self, team_id: int | None) -> Team | None:
        """A private copy: callers may cache related objects on it."""
        row = self.teams.get(team_id) if team_id else None
        return copy.copy(row) if row is not None else None

    def first_team(self, kind: str) -> Team | None:
        ids = sorted(t.id for t in self.teams.values() if t.kind == kind)
        return self.team(ids[0]) if ids else None

    def calendar_row(self, calendar_id: int | None) -> BusinessCalendar | None:
        row = self.calendar_rows.get(calendar_id) if calendar_id else None
        return copy.copy(row) if row is not None else None

    def roster(self, team_id: int) -> tuple[RosterEntry, ...]:
        return self.rosters.get(team_id, ())


_lock = threading.Lock()
_current: DeskConfig | None = None


def _load() -> DeskConfig:
    from walletdesk.tickets.services.assignment import rule_spec
    from walletdesk.tickets.services.sla_clock import policy_spec

    rows = BusinessCalendar.objects.prefetch_related("hours", "holidays")
    calendars = {row.id: row for row in rows}
    policies = tuple(SlaPolicy.objects.filter(is_active=True))
    return DeskConfig(
        rules=tuple(rule_spec(r) for r in RoutingRule.objects.filter(is_active=True)),
        policies=policies,
        policy_specs=tuple(policy_spec(p) for p in policies),
        teams={t.id: t for t in Team.objects.all()},
        calendar_rows=calendars,
        calendars={cid: calendar_spec(row) for cid, row in calendars.items()},
        rosters=_rosters(),
        loaded_at=time.monotonic(),
    )


def _rosters() -> dict[int, tuple[RosterEntry, ...]]:
    agents = Agent.objects.filter(user__is_active=True).prefetch_related("shifts", "teams")
    rosters: dict[int, list[RosterEntry]] = {}
    for agent in agents.order_by("id"):
        shifts = agent.shifts.all()
        windows = tuple(routing.ShiftWindow(s.weekday, s.starts, s.ends) for s in shifts)
        entry = RosterEntry(agent, windows)
        for team in agent.teams.all():
            rosters.setdefault(team.id, []).append(entry)
    return {team_id: tuple(entries) for team_id, entries in rosters.items()}


def desk_config() -> DeskConfig:
    global _current
    current = _current
    ttl = float(desk_setting("DESK_CONFIG_TTL"))
    if current is not None and time.monotonic() - current.loaded_at < ttl:
        return current
    with _lock:
        if _current is None or time.monotonic() - _current.loaded_at >= ttl:
            _current = _load()
        return _current


def desk_config_clear(**_: object) -> None:
    global _current
    _current = None


def _user_saved(update_fields: frozenset[str] | None = None, **_: object) -> None:
    if update_fields is None or "is_active" in update_fields:  # not on every sign-in
        desk_config_clear()


def connect_signals() -> None:
    models = (RoutingRule, SlaPolicy, Team, BusinessCalendar, BusinessHours, Holiday, Agent, Shift)
    for model in models:
        post_save.connect(desk_config_clear, sender=model, dispatch_uid=f"desk-config-{model}")
        post_delete.connect(desk_config_clear, sender=model, dispatch_uid=f"desk-config-d{model}")
    m2m_changed.connect(desk_config_clear, sender=Agent.teams.through, dispatch_uid="desk-config-m")
    post_save.connect(_user_saved, sender=get_user_model(), dispatch_uid="desk-config-user")
