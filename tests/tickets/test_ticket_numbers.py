"""Ticket numbers handed out by the database: per year, in order, never twice."""

import threading
from datetime import UTC, datetime

import pytest
from django.db import connection

from tests import factories as f
from walletdesk.core.clock import frozen_at
from walletdesk.tickets.models import Ticket, TicketNumberCounter


@pytest.fixture
def desk(db):
    f.default_policies()
    f.agent("alice", teams=[f.team()])


def _drop_sequence(year: int) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SEQUENCE IF EXISTS tickets_number_{year}")


@pytest.mark.django_db
def test_numbers_follow_each_other_within_a_year_and_restart_next_year(desk):
    with frozen_at(datetime(2031, 12, 31, 23, 0, tzinfo=UTC)):
        first, _ = f.ticket()
        second, _ = f.ticket()
    with frozen_at(datetime(2032, 1, 1, 0, 30, tzinfo=UTC)):
        next_year, _ = f.ticket()
    assert first.number.startswith("WD-2031-")
    assert int(second.number[-6:]) == int(first.number[-6:]) + 1
    assert next_year.number == "WD-2032-000001"


@pytest.mark.django_db
def test_numbering_continues_after_numbers_handed_out_by_the_counter(desk):
    """An install that started on SQLite keeps counting when it moves to PostgreSQL."""
    TicketNumberCounter.objects.create(year=2033, last=41)
    with frozen_at(datetime(2033, 5, 1, tzinfo=UTC)):
        ticket, _ = f.ticket()
    assert ticket.number == "WD-2033-000042"


@pytest.mark.django_db(transaction=True)
def test_concurrent_creations_get_distinct_numbers(on_postgres):
    f.default_policies()
    f.agent("alice", teams=[f.team()])
    _drop_sequence(2034)
    barrier, errors = threading.Barrier(6), []

    def create():
        barrier.wait()
        try:
            with frozen_at(datetime(2034, 3, 1, tzinfo=UTC)):
                for _ in range(5):
                    f.ticket()
        except Exception as exc:  # reported below, the thread must not die silently
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=create) for _ in range(6)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        numbers = list(Ticket.objects.values_list("number", flat=True))
        assert len(numbers) == len(set(numbers)) == 30
        assert sorted(int(n[-6:]) for n in numbers) == list(range(1, 31))
    finally:
        _drop_sequence(2034)
