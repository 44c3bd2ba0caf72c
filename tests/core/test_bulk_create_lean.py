"""bulk_create_lean writes the same rows as Django's bulk_create: ids set back, auto_now_add
filled, JSON and datetimes stored, ids of related objects saved after they were attached."""

import pytest

from tests import factories as f
from walletdesk.core.bulk import bulk_create_lean
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
