"""Console reads. Every ticket read goes through tickets.selectors' access functions; this module
loads what one page needs in a fixed number of queries."""

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Q

from walletdesk.accounts.models import Agent, Customer, Team
from walletdesk.console.chain_panel import ChainPanel, chain_panel
from walletdesk.console.models import FlowHour, Macro, SavedView
from walletdesk.guard.masking import can_reveal, identities_shown
from walletdesk.tickets.choices import ACTIVE_STATUSES, Status
from walletdesk.tickets.models import Message, SlaTarget, Ticket, TicketEvent, TicketLink
from walletdesk.tickets.selectors import (
    breaching_until,
    ticket_get_for_agent,
    tickets_visible_to_agent,
)

# Events that only repeat a message already shown in the timeline.
MESSAGE_EVENTS = frozenset({"customer_replied", "agent_replied", "note_added"})
TRACKING_TOKEN = re.compile(r"(/track/[\w-]+/\?(?:token|link)=)[\w:.-]+")
COUNTED_QUEUES = ("mine", "unassigned", "open", "pending", "on_hold", "breaching", "breached")


def agent_of_user(user: Any) -> Agent | None:
    if not getattr(user, "is_authenticated", False):
        return None
    agent = Agent.objects.filter(user=user).first()
    if agent is not None:
        agent.user = user  # already loaded by the auth middleware: no second query for it
    return agent


def queue_counts(*, agent: Agent, at: datetime) -> dict[str, int]:
    """Counts of the active queues in one aggregate query (resolved tickets are not counted)."""
    active = tickets_visible_to_agent(agent).filter(status__in=ACTIVE_STATUSES)
    return active.aggregate(
        mine=Count("id", filter=Q(assignee=agent)),
        unassigned=Count("id", filter=Q(assignee__isnull=True)),
        open=Count("id", filter=Q(status__in=[Status.NEW, Status.OPEN])),
        pending=Count("id", filter=Q(status=Status.PENDING)),
        on_hold=Count("id", filter=Q(status=Status.ON_HOLD)),
        breaching=Count("id", filter=Q(sla_due_at__gt=at, sla_due_at__lte=breaching_until(at))),
        breached=Count("id", filter=Q(sla_due_at__lte=at)),
    )


def saved_views_of(agent: Agent) -> list[SavedView]:
    return list(SavedView.objects.filter(agent=agent))


def _macros_visible_to(agent: Agent):
    """Global macros, those shared with one of the agent's teams, and the agent's own."""
    return Macro.objects.filter(
        Q(team__isnull=True, agent__isnull=True) | Q(team__in=agent.teams.all()) | Q(agent=agent)
    )


def macros_for_agent(agent: Agent) -> list[Macro]:
    """The macros the ticket page offers, in one query however many there are."""
    return list(_macros_visible_to(agent))


def macro_for_agent(*, agent: Agent, macro_id: int) -> Macro | None:
    return _macros_visible_to(agent).filter(id=macro_id).first()


def teams_all() -> list[Team]:
    return list(Team.objects.order_by("name"))


@dataclass
class TimelineEntry:
    at: datetime
    kind: str  # "message" or "event"
    message: Message | None = None
    event: TicketEvent | None = None


@dataclass
class Workspace:
    """Everything the ticket page shows."""

    ticket: Ticket
    timeline: list[TimelineEntry]
    targets: list[SlaTarget]
    links: list[TicketLink]
    previous: list[Ticket]
    assignable: list[Agent]
    teams: list[Team]
    tags: list[str]
    chain: ChainPanel
    identities: list[dict]  # masked unless the agent may see them (guard.masking)
    customer: Customer = field(init=False)

    def __post_init__(self) -> None:
        self.customer = self.ticket.customer


def _hide_tracking_token(message: Message) -> Message:
    """The portal's confirmation e-mail holds the customer's tracking link: agents see it
    without the token or signed link (bearer credentials for the customer's side), in memory
    only."""
    if message.direction == Message.Direction.OUTBOUND and "/track/" in message.body_text:
        message.body_text = TRACKING_TOKEN.sub(r"\1…", message.body_text)
    return message


def _timeline(ticket: Ticket) -> list[TimelineEntry]:
    messages = ticket.messages.select_related("author_agent").prefetch_related("attachments")
    events = ticket.events.select_related("actor_agent").exclude(kind__in=MESSAGE_EVENTS)
    entries = [
        TimelineEntry(m.created_at, "message", message=_hide_tracking_token(m)) for m in messages
    ]
    entries += [TimelineEntry(e.created_at, "event", event=e) for e in events]
    return sorted(entries, key=lambda e: (e.at, e.kind == "message"))


def ticket_workspace(*, agent: Agent, ticket_id: int) -> Workspace:
    ticket = ticket_get_for_agent(agent=agent, ticket_id=ticket_id)
    customer = Customer.objects.prefetch_related("identities", "addresses").get(
        id=ticket.customer_id
    )
    ticket.customer = customer
    targets = list(ticket.sla_targets.order_by("kind", "-started_at"))
    links = list(
        TicketLink.objects.filter(Q(source=ticket) | Q(target=ticket)).select_related(
            "source", "target"
        )
    )
    previous = list(
        Ticket.objects.filter(customer_id=ticket.customer_id)
        .exclude(id=ticket.id)
        .order_by("-id")[:10]
    )
    assignable = list(
        Agent.objects.filter(teams=ticket.team_id, user__is_active=True).order_by("display_name")
        if ticket.team_id
        else Agent.objects.none()
    )
    return Workspace(
        ticket=ticket,
        timeline=_timeline(ticket),
        targets=targets,
        links=links,
        previous=previous,
        assignable=assignable,
        teams=teams_all(),
        tags=sorted(ticket.tags.values_list("name", flat=True)),
        chain=chain_panel(ticket=ticket),
        identities=identities_shown(customer.identities.all(), reveal=can_reveal(agent, ticket)),
    )


# --- supervisor ---------------------------------------------------------------------------


@dataclass
class TeamLoad:
    id: int
    name: str
    active: int = 0
    unassigned: int = 0
    breached: int = 0  # due time passed
    at_risk: int = 0  # due within the breaching-soon window


@dataclass
class AgentLoad:
    agent: Agent
    load: int  # active tickets assigned to the agent


def desk_load(*, at: datetime) -> tuple[list[TeamLoad], dict[int, int]]:
    """Active tickets per team (sorted by name) and per assignee, from one query grouped by
    (team, assignee) over columns that the partial index on active tickets holds
    (ticket_active_counts: team, assignee, status, due time): PostgreSQL answers it with an
    index-only scan, whatever the number of closed tickets."""
    rows = (
        Ticket.objects.filter(status__in=ACTIVE_STATUSES)
        .order_by()
        .values_list("team_id", "assignee_id")
        .annotate(
            active=Count("*"),
            breached=Count("sla_due_at", filter=Q(sla_due_at__lte=at)),
            at_risk=Count(
                "sla_due_at", filter=Q(sla_due_at__gt=at, sla_due_at__lte=breaching_until(at))
            ),
        )
    )
    names = dict(Team.objects.values_list("id", "name"))
    teams: dict[int, TeamLoad] = {}
    agents: dict[int, int] = {}
    for team_id, assignee_id, active, breached, at_risk in rows:
        if assignee_id is not None:
            agents[assignee_id] = agents.get(assignee_id, 0) + active
        if team_id is None:
            continue
        team = teams.setdefault(team_id, TeamLoad(team_id, names.get(team_id, "")))
        team.active += active
        team.unassigned += 0 if assignee_id else active
        team.breached += breached
        team.at_risk += at_risk
    return sorted(teams.values(), key=lambda t: t.name), agents


def agents_with_load(*, loads: dict[int, int]) -> list[AgentLoad]:
    """Active agents (shifts prefetched, by name) with their load from `desk_load`."""
    agents = Agent.objects.filter(user__is_active=True).prefetch_related("shifts")
    return [AgentLoad(a, loads.get(a.id, 0)) for a in agents.order_by("display_name")]


def shift_window_hours() -> timedelta:
    return timedelta(hours=8)


def flow_hours(*, since: datetime) -> list[tuple[datetime, int, int]]:
    """(hour, created, resolved) from the worker's rollup (console.services.flow_rollup)."""
    rows = FlowHour.objects.filter(hour__gte=since).order_by("hour")
    return list(rows.values_list("hour", "created", "resolved"))
