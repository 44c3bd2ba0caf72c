"""Handing out ticket numbers: a PostgreSQL sequence per year, a counter row on SQLite.

On PostgreSQL `nextval` never waits for other transactions, so concurrent creations do not queue
behind one locked row; a rolled-back creation leaves a gap, which is harmless. SQLite has a single
writer anyway, so the counter row costs nothing there.
"""

from datetime import datetime

from django.db import IntegrityError, ProgrammingError, connection, transaction
from django.db.models import F

from walletdesk.core.conf import desk_setting
from walletdesk.tickets import numbering
from walletdesk.tickets.models import TicketNumberCounter


def number_next(at: datetime) -> str:
    return numbers_next(at, 1)[0]


def numbers_next(at: datetime, count: int) -> list[str]:
    """`count` new ticket numbers of the year of `at`, in ascending order, in one round trip."""
    if connection.vendor == "postgresql":
        sequences = _sequence_next(at.year, count)
    else:
        sequences = _counter_next(at.year, count)
    prefix = desk_setting("TICKET_PREFIX")
    return [numbering.format_number(prefix, at.year, n) for n in sequences]


def _counter_next(year: int, count: int) -> list[int]:
    """The counter row stays locked until commit."""
    counters = TicketNumberCounter.objects.filter(year=year)
    if not counters.update(last=F("last") + count):
        TicketNumberCounter.objects.bulk_create(
            [TicketNumberCounter(year=year)], ignore_conflicts=True
        )
        counters.update(last=F("last") + count)
    last = counters.values_list("last", flat=True).get()
    return list(range(last - count + 1, last + 1))


def sequence_name(year: int) -> str:
    return f"tickets_number_{int(year)}"


def _sequence_next(year: int, count: int) -> list[int]:
    """One round trip: nextval when the year's sequence exists, else create it first."""
    name = sequence_name(year)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT CASE WHEN to_regclass(%s) IS NULL THEN NULL ELSE nextval(%s::text) END "
            "FROM generate_series(1, %s)",
            [name, name, count],
        )
        values = [row[0] for row in cursor.fetchall()]
        if values[0] is None:
            _sequence_create(cursor, year)
            cursor.execute("SELECT nextval(%s) FROM generate_series(1, %s)", [name, count])
            values = [row[0] for row in cursor.fetchall()]
        return sorted(values)


def _sequence_create(cursor, year: int) -> None:
    """Create the year's sequence, continuing from the counter row (numbers handed out before
    the sequence existed, e.g. by an install that started on SQLite)."""
    name = sequence_name(year)
    start = (
        TicketNumberCounter.objects.filter(year=year).values_list("last", flat=True).first() or 0
    ) + 1
    try:
        with transaction.atomic():
            cursor.execute(f"CREATE SEQUENCE IF NOT EXISTS {name} START WITH {int(start)}")
    except (IntegrityError, ProgrammingError):
        pass  # created by a concurrent transaction at the same moment
