"""The desk's configuration as one per-process snapshot: routing rules, SLA policies, teams and
business calendars. Every ticket creation needs all of them; reading them from the database each
time cost a dozen queries.

The snapshot is rebuilt after `DESK_CONFIG_TTL` seconds, and at once in this process when one of
those rows is saved or deleted here (signals). Other processes see a change within the TTL.
"""

import copy
import threading
import time
from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save

from walletdesk.accounts.models import BusinessCalendar, BusinessHours, Holiday, Team
from walletdesk.core.conf import desk_setting
from walletdesk.tickets import routing, sla
from walletdesk.tickets.models import RoutingRule, SlaPolicy
from walletdesk.tickets.services.calendars import calendar_spec


@dataclass(frozen=True)
class DeskConfig:
    rules: tuple[routing.Rule, ...]
    policies: tuple[SlaPolicy, ...]
    teams: dict[int, Team]
    calendar_rows: dict[int, BusinessCalendar]
    calendars: dict[int, sla.Calendar]
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


_lock = threading.Lock()
_current: DeskConfig | None = None


def _load() -> DeskConfig:
    from walletdesk.tickets.services.assignment import rule_spec

    rows = BusinessCalendar.objects.prefetch_related("hours", "holidays")
    calendars = {row.id: row for row in rows}
    return DeskConfig(
        rules=tuple(rule_spec(r) for r in RoutingRule.objects.filter(is_active=True)),
        policies=tuple(SlaPolicy.objects.filter(is_active=True)),
        teams={t.id: t for t in Team.objects.all()},
        calendar_rows=calendars,
        calendars={cid: calendar_spec(row) for cid, row in calendars.items()},
        loaded_at=time.monotonic(),
    )


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


def connect_signals() -> None:
    for model in (RoutingRule, SlaPolicy, Team, BusinessCalendar, BusinessHours, Holiday):
        post_save.connect(desk_config_clear, sender=model, dispatch_uid=f"desk-config-{model}")
        post_delete.connect(desk_config_clear, sender=model, dispatch_uid=f"desk-config-d{model}")
