"""Console writes: saved views, macros and the supervisor view's flow rollup. Ticket writes go
through walletdesk.tickets.services."""

from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.db.models import Count, Max, Min, Q
from django.db.models.functions import TruncHour
from django.utils.text import slugify

from walletdesk.accounts.models import Agent
from walletdesk.console.canned import CANNED
from walletdesk.console.filters import SAVABLE_PARAMS
from walletdesk.console.models import FlowCursor, FlowHour, Macro, SavedView
from walletdesk.core.clock import now
from walletdesk.core.errors import InvalidInput, NotFound
from walletdesk.tickets import services as ticket_services
from walletdesk.tickets.models import Message, Ticket, TicketEvent

FLOW_KEEP = timedelta(days=15)  # hours kept: the charts show 24 hours and 14 days
# Events are counted once they are this old: a transaction that took an event id and commits
# later than a newer one would otherwise be passed by the cursor and never counted.
FLOW_LAG = timedelta(seconds=30)
CREATED = Q(kind=TicketEvent.Kind.CREATED)
RESOLVED = Q(kind=TicketEvent.Kind.STATUS_CHANGED, data__to="resolved")


@transaction.atomic
def saved_view_save(*, agent: Agent, name: str, params: dict[str, str]) -> SavedView:
    """Create or replace the agent's view of that name with the given queue parameters."""
    name = name.strip()[:60]
    if not name:
        raise InvalidInput("A saved view needs a name.")
    kept = {k: v for k, v in params.items() if k in SAVABLE_PARAMS and v}
    view, _ = SavedView.objects.update_or_create(agent=agent, name=name, defaults={"params": kept})
    return view


def saved_view_delete(*, agent: Agent, view_id: int) -> None:
    deleted, _ = SavedView.objects.filter(agent=agent, id=view_id).delete()
    if not deleted:
        raise NotFound("No such saved view.")


@transaction.atomic
def macro_apply(
    *, macro: Macro, ticket: Ticket, agent: Agent, body: str, status: str | None = None
) -> Message:
    """Send the agent's reply (the macro's body as they edited it) and apply the macro: its
    status unless the agent chose one, its tags. All or nothing."""
    message = ticket_services.reply_send(
        ticket=ticket, agent=agent, body=body, status=status or macro.status or None
    )
    tags = sorted({slugify(t, allow_unicode=True)[:50] for t in macro.tags} - {""})
    if tags:
        ticket_services.ticket_tags_change(ticket=ticket, add=tags, remove=[], actor=agent)
    return message


def macros_seed_canned() -> list[Macro]:
    """The canned replies as global macros (demo data); seeding twice adds none."""
    return [
        Macro.objects.get_or_create(
            name=en_title,
            team=None,
            agent=None,
            defaults={"name_zh_hans": zh_title, "body_en": en_body, "body_zh_hans": zh_body},
        )[0]
        for (en_title, en_body), (zh_title, zh_body) in zip(
            CANNED["en"], CANNED["zh-hans"], strict=True
        )
    ]


@transaction.atomic
def flow_rollup(*, at: datetime | None = None, lag: timedelta = FLOW_LAG) -> int:
    """Add the ticket events not counted yet (`created`, and status changes to resolved) to
    their hour's FlowHour row; returns how many hours were touched. A worker sweep calls it:
    it reads only events after the cursor (a primary-key range), so it stays cheap at any
    table size. Safe to retry and to run in several workers (the cursor row is locked)."""
    at = at or now()
    cursor = _flow_cursor(at)
    if cursor is None:
        return 0  # another worker is rolling up
    FlowHour.objects.filter(hour__lt=at - FLOW_KEEP).delete()
    events = TicketEvent.objects.filter(id__gt=cursor.event_id)
    upto = events.filter(created_at__lte=at - lag).aggregate(last=Max("id"))["last"]
    if upto is None:
        return 0
    hours = (
        events.filter(CREATED | RESOLVED, id__lte=upto, created_at__gte=at - FLOW_KEEP)
        .annotate(hour=TruncHour("created_at", tzinfo=UTC))
        .values_list("hour")
        .annotate(created=Count("id", filter=CREATED), resolved=Count("id", filter=RESOLVED))
    )
    counts = {hour: (created, resolved) for hour, created, resolved in hours}
    _flow_add(counts)
    FlowCursor.objects.filter(pk=cursor.pk).update(event_id=upto, updated_at=at)
    return len(counts)


def _flow_cursor(at: datetime) -> FlowCursor | None:
    """The cursor, locked; None when another worker holds it. The first run starts at the
    first event of the kept period (one scan of the events table, once)."""
    cursor = FlowCursor.objects.select_for_update(skip_locked=True).filter(pk=1).first()
    if cursor is not None:
        return cursor
    bounds = TicketEvent.objects.aggregate(
        first=Min("id", filter=Q(created_at__gte=at - FLOW_KEEP)), last=Max("id")
    )
    start = bounds["first"] - 1 if bounds["first"] else bounds["last"] or 0
    cursor, made = FlowCursor.objects.get_or_create(
        pk=1, defaults={"event_id": start, "updated_at": at}
    )
    return cursor if made else None


def _flow_add(counts: dict[datetime, tuple[int, int]]) -> None:
    """Add (created, resolved) to each hour's row, in three statements however many hours."""
    rows = list(FlowHour.objects.filter(hour__in=counts))
    for row in rows:
        created, resolved = counts[row.hour]
        row.created, row.resolved = row.created + created, row.resolved + resolved
    FlowHour.objects.bulk_update(rows, ["created", "resolved"])
    known = {row.hour for row in rows}
    FlowHour.objects.bulk_create(
        FlowHour(hour=hour, created=c, resolved=r)
        for hour, (c, r) in counts.items()
        if hour not in known
    )
