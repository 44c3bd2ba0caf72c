"""bulk_create_lean writes the same rows as Django's bulk_create: ids set back, auto_now_add
filled, JSON and datetimes stored, ids of related objects saved after they were attached; it and
bulk_set split what one statement may not bind."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories as f
from walletdesk.core import bulk
from walletdesk.core.bulk import bulk_create_lean, bulk_set, bulk_set_rows
from walletdesk.core.clock import now
from walletdesk.tickets.models import Ticket, TicketEvent, TicketLink

pytestmark = pytest.mark.django_db

COLUMNS = ["ticket_id", "kind", "actor_type", "actor_agent_id", "data", "customer_visible"]


@pytest.fixture
def agent(db):
    f.default_policies()
    return f.agent("alice", teams=[f.team()])


def events(ticket: Ticket, agent, at) -> list[TicketEvent]:
    return [
        TicketEvent(
            ticket=ticket,
            kind="tagged",
            actor_type="agent",
            actor_agent=agent,
            data={"added": ["vip", "中文"], "n": i},
            customer_visible=False,
            created_at=at,
        )
        for i in range(3)
    ]


def test_rows_and_ids_match_what_bulk_create_gives(agent):
    ticket, _ = f.ticket()
    at = now()
    lean = bulk_create_lean(events(ticket, agent, at))
    orm = TicketEvent.objects.bulk_create(events(ticket, agent, at))
    assert all(e.pk is not None and not e._state.adding for e in lean)
    stored = {e.pk: e for e in TicketEvent.objects.filter(pk__in=[e.pk for e in [*lean, *orm]])}
    for a, b in zip(lean, orm, strict=True):
        row_a, row_b = stored[a.pk], stored[b.pk]
        assert [getattr(row_a, c) for c in COLUMNS] == [getattr(row_b, c) for c in COLUMNS]
        assert row_a.data == a.data and row_a.created_at == at


def test_a_related_object_saved_after_attaching_gives_its_id(agent):
    """Ticket creation builds SLA targets before their ticket is inserted."""
    first, _ = f.ticket()
    later = Ticket(
        **{
            field.attname: getattr(first, field.attname)
            for field in Ticket._meta.concrete_fields
            if not field.primary_key
        }
    )
    later.number = "WD-LATER-1"
    link = TicketLink(source=first, target=later, kind="related")
    bulk_create_lean([later])
    (saved,) = bulk_create_lean([link])
    row = TicketLink.objects.get(pk=saved.pk)
    assert row.target_id == later.pk and row.created_at is not None


def test_more_rows_than_one_statement_may_bind_are_inserted_in_parts(agent, monkeypatch):
    """PostgreSQL binds at most 65,535 parameters per statement: bigger batches are split."""
    ticket, _ = f.ticket()
    width = len([c for c in TicketEvent._meta.concrete_fields if not c.primary_key])
    monkeypatch.setattr(bulk, "MAX_PARAMETERS", 2 * width + 3)  # two events a statement
    at = now()
    with CaptureQueriesContext(connection) as queries:
        made = bulk_create_lean(events(ticket, agent, at) + events(ticket, agent, at))
    inserts = [q for q in queries if q["sql"].startswith('INSERT INTO "tickets_ticketevent"')]
    assert len(inserts) == 3
    assert len({e.pk for e in made}) == 6 and None not in {e.pk for e in made}
    assert TicketEvent.objects.filter(ticket=ticket, kind="tagged").count() == 6


def test_bulk_set_rows_writes_values_of_every_type_in_parts(agent, monkeypatch):
    tickets = [f.ticket()[0] for _ in range(5)]
    monkeypatch.setattr(bulk, "MAX_PARAMETERS", 8)  # two rows of (id, 3 values) a statement
    at = now()
    rows = [(t.id, f"主题 'quoted' {i}", at, None) for i, t in enumerate(tickets)]
    with CaptureQueriesContext(connection) as queries:
        bulk_set_rows(Ticket, ["subject", "sla_due_at", "assignee"], rows)
    if connection.vendor == "postgresql":  # elsewhere Django's bulk_update batches
        assert len([q for q in queries if q["sql"].startswith("UPDATE")]) == 3
    for i, t in enumerate(tickets):
        t.refresh_from_db()
        assert (t.subject, t.sla_due_at, t.assignee_id) == (f"主题 'quoted' {i}", at, None)


def test_bulk_set_writes_json_from_instances(agent):
    ticket, _ = f.ticket()
    tagged = TicketEvent.objects.create(
        ticket=ticket, kind="tagged", data={"a": 1}, created_at=now()
    )
    tagged.data = {"added": ["中文", "x'y"], "n": None}
    bulk_set([tagged], ["data"])
    tagged.refresh_from_db()
    assert tagged.data == {"added": ["中文", "x'y"], "n": None}
