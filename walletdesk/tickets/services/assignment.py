"""Routing new tickets to a team, and choosing an agent within a team."""

import copy
from dataclasses import replace
from datetime import UTC, datetime

from django.db import connection, transaction
from django.db.models import F

from walletdesk.accounts.models import Agent, Notification, Team
from walletdesk.accounts.services import notice_build, notifications_send
from walletdesk.core.bulk import bulk_set
from walletdesk.core.clock import now
from walletdesk.core.events import publish_on_commit, team_group
from walletdesk.tickets import routing
from walletdesk.tickets.choices import ACTIVE_STATUSES, Category, Priority
from walletdesk.tickets.models import RoutingRule, Ticket, TicketEvent
from walletdesk.tickets.services.desk_config import desk_config
from walletdesk.tickets.services.history import event_build, event_record


def rule_spec(r: RoutingRule) -> routing.Rule:
    return routing.Rule(
        id=r.id,
        team_id=r.team_id,
        categories=tuple(r.categories),
        intents=tuple(r.intents),
        languages=tuple(r.languages),
        chains=tuple(r.chains),
        channels=tuple(r.channels),
        required_skills=tuple(r.required_skills),
        set_priority=r.set_priority,
    )


def route_team(facts: routing.RouteFacts) -> tuple[Team | None, routing.Rule | None]:
    """The team for a new ticket: the first matching rule, else the security or frontline team."""
    config = desk_config()
    rule = routing.match_rule(list(config.rules), facts)
    if rule is not None:
        return config.team(rule.team_id), rule
    kind = Team.Kind.SECURITY if facts.category == Category.SECURITY else Team.Kind.FRONTLINE
    return config.first_team(kind), None


LiveAgent = tuple[Agent, bool, datetime | None]  # snapshot row, is_available, last_assigned_at


def team_agents(team: Team, at: datetime) -> tuple[list[routing.Candidate], dict[int, LiveAgent]]:
    """The team's agents as routing candidates, and their rows by id. Skills and shifts come
    from the roster snapshot; availability, last assignment and open load are read now, in one
    query."""
    roster = desk_config().roster(team.id)
    if not roster:
        return [], {}
    live = agents_live(
        [e.agent.id for e in roster], count_up_to=max(e.agent.capacity for e in roster)
    )
    pool, rows = [], {}
    for entry in roster:
        if entry.agent.id not in live:  # deleted since the snapshot
            continue
        agent = entry.agent  # shared snapshot row: agent_pick copies the one it returns
        available, last_assigned_at, load = live[agent.id]
        rows[agent.id] = (agent, available, last_assigned_at)
        pool.append(
            routing.Candidate(
                agent_id=agent.id,
                on_shift=entry.on_shift(at),
                available=available,
                skills=entry.skills,
                languages=entry.languages,
                open_load=load,
                capacity=agent.capacity,
                last_assigned_at=last_assigned_at,
            )
        )
    return pool, rows


def agents_live(
    ids: list[int], *, count_up_to: int
) -> dict[int, tuple[bool, datetime | None, int]]:
    """(is_available, last_assigned_at, open tickets) of these agents, in one statement. Open
    tickets are counted up to `count_up_to` (the largest capacity among them): an agent with
    that many is full whatever the rest, and a backlog of thousands costs no more to read.

    Plain SQL: it runs in every ticket creation, and compiling the ORM's correlated-subquery
    annotation cost more CPU than the query itself (1.4 ms against 0.1 ms)."""
    q = connection.ops.quote_name
    agents, tickets = Agent._meta.db_table, Ticket._meta.db_table
    statuses = [str(s) for s in ACTIVE_STATUSES]
    sql = (
        f"SELECT a.{q('id')}, a.{q('is_available')}, a.{q('last_assigned_at')}, "  # noqa: S608
        f"(SELECT COUNT(*) FROM (SELECT 1 FROM {q(tickets)} t "
        f"WHERE t.{q('assignee_id')} = a.{q('id')} "
        f"AND t.{q('status')} IN ({', '.join(['%s'] * len(statuses))}) LIMIT %s) counted) "
        f"FROM {q(agents)} a WHERE a.{q('id')} IN ({', '.join(['%s'] * len(ids))})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*statuses, count_up_to, *ids])
        return {
            agent_id: (bool(available), _utc(last), load)
            for agent_id, available, last, load in cursor.fetchall()
        }


def _utc(value: datetime | str | None) -> datetime | None:
    """A timestamp as the driver gave it (aware from PostgreSQL; naive UTC or text from
    SQLite) as an aware datetime."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def agents_assigned_now(ids: set[int], at: datetime) -> None:
    """Record the moment these agents were last given a ticket (the round-robin tie-break).
    Plain SQL for the same reason as agents_live; rows in id order, as every writer takes them."""
    if not ids:
        return
    q = connection.ops.quote_name
    sql = (
        f"UPDATE {q(Agent._meta.db_table)} SET {q('last_assigned_at')} = %s "  # noqa: S608
        f"WHERE {q('id')} IN ({', '.join(['%s'] * len(ids))})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [connection.ops.adapt_datetimefield_value(at), *sorted(ids)])


def required_skills(ticket: Ticket) -> frozenset[str]:
    skills = set(ticket.required_skills)
    if ticket.team and ticket.team.kind == Team.Kind.EXPERTS and ticket.chain:
        skills.add(ticket.chain)
    return frozenset(skills)


def agent_pick(ticket: Ticket, at: datetime) -> Agent | None:
    return agents_choose([ticket], at)[0]


def assignee_set(ticket: Ticket, agent: Agent | None, *, actor: Agent | None, at: datetime):
    """Set the assignee in memory and return the event to record (caller saves both)."""
    previous = ticket.assignee
    ticket.assignee = agent
    if agent is not None:
        agents_assigned_now({agent.id}, at)
    publish_on_commit(
        team_group(ticket.team_id or 0), {"type": "queue.changed", "ticket": ticket.id}
    )
    return event_build(
        ticket,
        "assigned",
        actor=actor,
        data={
            "from": previous.display_name if previous else None,
            "to": agent.display_name if agent else None,
        },
        at=at,
    )


def ticket_assign(*, ticket: Ticket, agent: Agent | None, actor: Agent | None) -> Ticket:
    """Assign (or unassign, with None) a ticket by hand; the agent is told when it was someone
    else who gave it to them."""
    at = now()
    event = assignee_set(ticket, agent, actor=actor, at=at)
    ticket.updated_at = at
    ticket.save(update_fields=["assignee", "updated_at"])
    event.save()
    if agent is not None and actor is not None and actor.id != agent.id:
        data = {"number": ticket.number, "by": actor.display_name}
        notice = notice_build(
            agent_id=agent.id, kind=Notification.Kind.ASSIGNED, data=data, ticket_id=ticket.id
        )
        notifications_send(notices=[notice])
    return ticket


def ticket_auto_assign(*, ticket: Ticket, at: datetime | None = None) -> Agent | None:
    """Give a queued ticket to the best on-shift agent of its team, if there is one."""
    at = at or now()
    agent = agent_pick(ticket, at)
    if agent is not None:
        ticket_assign(ticket=ticket, agent=agent, actor=None)
    return agent


def agents_choose(
    tickets: list[Ticket], at: datetime, *, language_fallback: bool = False
) -> list[Agent | None]:
    """The best on-shift agent for each ticket in turn (None: it waits in its team's queue).

    Pools are built once per team and each pick counts towards the next, so a batch is shared
    out as the same tickets arriving one by one would be. Returned agents are copies of the
    roster's rows with their live availability and last assignment.
    """
    pools: dict[int, list[routing.Candidate]] = {}
    rows: dict[int, LiveAgent] = {}
    chosen: list[int | None] = []
    for ticket in tickets:
        if ticket.team is None:
            chosen.append(None)
            continue
        if ticket.team.id not in pools:
            pools[ticket.team.id], team_rows = team_agents(ticket.team, at)
            rows.update(team_rows)
        pool = pools[ticket.team.id]
        pick = routing.pick_agent(
            pool,
            required_skills=required_skills(ticket),
            language=ticket.language,
            language_fallback=language_fallback or ticket.priority == Priority.URGENT,
        )
        chosen.append(pick)
        if pick is not None and pick != ticket.assignee_id:  # the ticket's own load is counted
            pools[ticket.team.id] = [
                replace(c, open_load=c.open_load + 1, last_assigned_at=at)
                if c.agent_id == pick
                else c
                for c in pool
            ]
    copies: dict[int, Agent] = {}
    for agent_id in {c for c in chosen if c is not None}:
        snapshot, available, last_assigned_at = rows[agent_id]
        copies[agent_id] = agent = copy.copy(snapshot)
        agent.is_available, agent.last_assigned_at = available, last_assigned_at
    return [copies[c] if c is not None else None for c in chosen]


def assign_many(tickets: list[Ticket], at: datetime, *, language_fallback: bool = False) -> int:
    """Give each ticket to the best on-shift agent of its team, in bulk.

    Candidate pools are built once per team and their loads updated as tickets are handed out,
    so a mass event (an outage breaching thousands of SLAs) costs a few queries per team.
    """
    picks = agents_choose(tickets, at, language_fallback=language_fallback)
    events = []
    changed = []
    for ticket, picked in zip(tickets, picks, strict=True):
        if picked is None or picked.id == ticket.assignee_id:
            continue
        previous = ticket.assignee.display_name if ticket.assignee else None
        ticket.assignee, ticket.updated_at = picked, at
        changed.append(ticket)
        events.append(
            event_build(
                ticket, "assigned", at=at, data={"from": previous, "to": picked.display_name}
            )
        )
    if not changed:
        return 0
    bulk_set(changed, ["assignee", "updated_at"])
    TicketEvent.objects.bulk_create(events, batch_size=500)
    agents_assigned_now({t.assignee_id for t in changed if t.assignee_id}, at)
    for team_id in {t.team_id or 0 for t in changed}:
        publish_on_commit(team_group(team_id), {"type": "queue.changed"})
    return len(changed)


def queue_pickup_sweep(*, at: datetime | None = None, limit: int = 500) -> int:
    """Assign waiting unassigned tickets now that agents may have come on shift.

    Rows are claimed with SKIP LOCKED so that several workers never assign the same ticket.
    """
    at = at or now()
    with transaction.atomic():
        waiting = list(
            Ticket.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(assignee__isnull=True, team__isnull=False, status__in=ACTIVE_STATUSES)
            .select_related("team")
            .order_by(F("sla_due_at").asc(nulls_last=True), "id")[:limit]
        )
        return assign_many(waiting, at)


__all__ = ["event_record", "queue_pickup_sweep", "ticket_assign", "ticket_auto_assign"]
