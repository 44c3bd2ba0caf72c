"""Turn calendar rows into the pure SLA module's Calendar."""

from collections.abc import Iterable

from walletdesk.accounts.models import BusinessCalendar
from walletdesk.tickets import sla

ALWAYS_OPEN_NAME = "24/7"


def calendar_spec(row: BusinessCalendar) -> sla.Calendar:
    hours: dict[int, list] = {}
    for h in row.hours.all():
        hours.setdefault(h.weekday, []).append((h.opens, h.closes))
    return sla.Calendar(
        timezone=row.timezone,
        always_open=row.always_open,
        hours={day: tuple(windows) for day, windows in hours.items()},
        holidays=frozenset(h.date for h in row.holidays.all()),
    )


def calendars_by_id(ids: Iterable[int]) -> dict[int, sla.Calendar]:
    rows = BusinessCalendar.objects.filter(id__in=set(ids)).prefetch_related("hours", "holidays")
    return {row.id: calendar_spec(row) for row in rows}


def always_open_calendar() -> BusinessCalendar:
    calendar, _ = BusinessCalendar.objects.get_or_create(
        name=ALWAYS_OPEN_NAME, defaults={"always_open": True, "timezone": "UTC"}
    )
    return calendar
