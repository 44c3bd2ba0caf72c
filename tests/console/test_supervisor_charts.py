"""The supervisor view's chart specs: hours and days without activity are zeros, hours add up
per UTC day, capacity bars never go negative, labels follow the reader's language."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from django.utils import translation

from walletdesk.console import charts
from walletdesk.console.selectors import AgentLoad, TeamLoad

NOW = datetime(2026, 11, 23, 10, 25, tzinfo=UTC)
HOUR = timedelta(hours=1)


def test_hourly_covers_the_last_24_hours_with_zeros_where_nothing_happened():
    nine, ten = NOW.replace(hour=9, minute=0), NOW.replace(hour=10, minute=0)
    points = charts.hourly([(nine, 3, 1), (ten, 2, 0)], end=NOW)
    assert len(points) == 24
    assert points[0] == (ten - 23 * HOUR, 0, 0)
    assert points[-2:] == [(nine, 3, 1), (ten, 2, 0)]


def test_daily_sums_the_hours_of_each_utc_day():
    today = NOW.replace(hour=0, minute=0)
    rows = [(today - 20 * HOUR, 4, 1), (today - HOUR, 1, 2), (today + HOUR, 5, 5)]
    points = charts.daily(rows, end=NOW, days=3)
    assert points == [
        (today - timedelta(days=2), 0, 0),
        (today - timedelta(days=1), 5, 3),
        (today, 5, 5),
    ]


def test_flow_chart_labels_are_iso_times_for_the_browser_to_format():
    spec = charts.flow_chart([(NOW, 2, 1)], unit="hour").as_json()
    assert spec["labels"] == [NOW.isoformat()] and spec["unit"] == "hour"
    assert [(s["label"], s["data"]) for s in spec["series"]] == [
        ("Created", [2]),
        ("Resolved", [1]),
    ]


def test_team_charts_split_load_and_sla():
    teams = [TeamLoad(1, "Frontline", active=5, unassigned=2, breached=1, at_risk=3)]
    load = charts.team_load_chart(teams).as_json()
    sla = charts.team_sla_chart(teams).as_json()
    assert load["horizontal"] and load["stacked"]
    assert [s["data"] for s in load["series"]] == [[3], [2]]
    assert [s["data"] for s in sla["series"]] == [[1], [3]]


def test_agent_bars_show_load_against_capacity_and_never_negative_room():
    busy = AgentLoad(SimpleNamespace(display_name="Li", capacity=2), load=3)  # type: ignore[arg-type]
    calm = AgentLoad(SimpleNamespace(display_name="Anna", capacity=5), load=1)  # type: ignore[arg-type]
    spec = charts.agent_load_chart([busy, calm]).as_json()
    assert spec["labels"] == ["Li", "Anna"]
    assert [s["data"] for s in spec["series"]] == [[3, 1], [0, 4]]


def test_series_names_are_translated():
    with translation.override("zh-hans"):
        spec = charts.team_sla_chart([]).as_json()
    assert [s["label"] for s in spec["series"]] == ["已超时", "有风险"]
