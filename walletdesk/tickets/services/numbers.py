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
    if connection.vendor == "postgresql":
        sequence = _sequence_next(at.year)
    else:
        sequence = _counter_next(at.year)
    return numbering.format_number(desk_setting("TICKET_PREFIX"), at.year, sequence)


def _counter_next(year: int) -> int:
    """The counter row stays locked until commit."""
    counters = TicketNumberCounter.objects.filter(year=year)
    if not counters.update(last=F("last") + 1):
        TicketNumberCounter.objects.bulk_create(
            [TicketNumberCounter(year=year)], ignore_conflicts=True
        )
        counters.update(last=F("last") + 1)
    return counters.values_list("last", flat=True).get()


def sequence_name(year: int) -> str:
    return f"tickets_number_{int(year)}"


def _sequence_next(year: int) -> int:
    """One round trip: nextval when the year's sequence exists, else create it first."""
    name = sequence_name(year)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT CASE WHEN to_regclass(%s) IS NULL THEN NULL ELSE nextval(%s::text) END",
            [name, name],
        )
        value = cursor.fetchone()[0]
        if value is None:
            _sequence_create(cursor, year)
            cursor.execute("SELECT nextval(%s)", [name])
            value = cursor.fetchone()[0]
        return value


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
