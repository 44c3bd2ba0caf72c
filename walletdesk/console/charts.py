"""The supervisor view's charts as data for Chart.js (console/static/console/charts.js): plain
numbers in, one JSON-ready spec per chart out, labelled in the reader's language. No queries:
the view hands in what its selectors read."""

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils.translation import gettext as _

from walletdesk.console.selectors import AgentLoad, TeamLoad

FlowPoint = tuple[datetime, int, int]  # (start of the hour or day, created, resolved)


@dataclass(frozen=True)
class Series:
    label: str
    data: list[int]
    color: str  # a name in charts.js's palette


@dataclass(frozen=True)
class Chart:
    labels: list[str]
    series: list[Series]
    horizontal: bool = False  # one bar per row: long names stay readable on a phone
    stacked: bool = False
    unit: str = ""  # "hour" or "day": the labels are ISO times the browser formats

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def hourly(rows: Iterable[FlowPoint], *, end: datetime, hours: int = 24) -> list[FlowPoint]:
    """The last `hours` hours up to the one holding `end`, with zeros where nothing happened."""
    last = end.replace(minute=0, second=0, microsecond=0)
    counts = {hour: (created, resolved) for hour, created, resolved in rows}
    starts = [last - timedelta(hours=back) for back in range(hours - 1, -1, -1)]
    return [(start, *counts.get(start, (0, 0))) for start in starts]


def daily(rows: Iterable[FlowPoint], *, end: datetime, days: int = 14) -> list[FlowPoint]:
    """The hours summed per UTC day over the last `days` days up to the one holding `end`."""
    today = end.replace(hour=0, minute=0, second=0, microsecond=0)
    starts = [today - timedelta(days=back) for back in range(days - 1, -1, -1)]
    totals = {start: [0, 0] for start in starts}
    for hour, created, resolved in rows:
        day = totals.get(hour.replace(hour=0))
        if day is not None:
            day[0] += created
            day[1] += resolved
    return [(start, *totals[start]) for start in starts]  # type: ignore[misc]


def flow_chart(points: Sequence[FlowPoint], *, unit: str) -> Chart:
    return Chart(
        labels=[start.isoformat() for start, _c, _r in points],
        series=[
            Series(_("Created"), [created for _s, created, _r in points], "created"),
            Series(_("Resolved"), [resolved for _s, _c, resolved in points], "resolved"),
        ],
        unit=unit,
    )


def team_load_chart(teams: Sequence[TeamLoad]) -> Chart:
    """Active tickets per team, split into assigned and unassigned."""
    return Chart(
        labels=[t.name for t in teams],
        series=[
            Series(_("Assigned"), [t.active - t.unassigned for t in teams], "assigned"),
            Series(_("Unassigned"), [t.unassigned for t in teams], "unassigned"),
        ],
        horizontal=True,
        stacked=True,
    )


def team_sla_chart(teams: Sequence[TeamLoad]) -> Chart:
    """Breached and at-risk active tickets per team."""
    return Chart(
        labels=[t.name for t in teams],
        series=[
            Series(_("Breached"), [t.breached for t in teams], "breached"),
            Series(_("At risk"), [t.at_risk for t in teams], "at_risk"),
        ],
        horizontal=True,
        stacked=True,
    )


def agent_load_chart(agents: Sequence[AgentLoad]) -> Chart:
    """Each agent's active tickets against their capacity (the bar's full length)."""
    return Chart(
        labels=[a.agent.display_name for a in agents],
        series=[
            Series(_("Active tickets"), [a.load for a in agents], "assigned"),
            Series(_("Free capacity"), [max(a.agent.capacity - a.load, 0) for a in agents], "free"),
        ],
        horizontal=True,
        stacked=True,
    )
