"""The queue filters that would scan a million tickets have indexes PostgreSQL can use."""

import pytest
from django.db import connection

from tests import factories as f
from walletdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db


def plan(queryset) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.explain()


def test_subject_search_uses_the_trigram_index(on_postgres):
    f.default_policies()
    f.agent("alice", teams=[f.team()])
    f.ticket(subject="USDT never arrived")
    assert "ticket_subject_trgm" in plan(Ticket.objects.filter(subject__icontains="arrived"))


def test_active_queues_use_the_partial_indexes(on_postgres):
    active = Ticket.objects.filter(status__in=["new", "open", "pending", "on_hold"])
    assert "ticket_active_" in plan(active.order_by("-id")[:25])  # a partial index on active rows
