"""/api/v1/agent: queues and ticket work for signed-in agents (session or personal token)."""

from django.db import transaction
from ninja import Query, Router, Status

from walletdesk.accounts.models import Agent, Team
from walletdesk.accounts.selectors import notifications_of_agent, notifications_unread_count
from walletdesk.accounts.services import customer_segment_set, notifications_mark_read
from walletdesk.api import presenters
from walletdesk.api.agent_views import ticket_detail
from walletdesk.api.auth import AgentSessionAuth, AgentTokenAuth, AuthedRequest
from walletdesk.api.presenters import queue_item
from walletdesk.api.schemas import (
    AssignIn,
    ErrorOut,
    EscalateIn,
    HandBackIn,
    LinkIn,
    MergeIn,
    MessageIn,
    NotificationPageOut,
    NotificationsReadIn,
    NotificationsReadOut,
    QueueFiltersIn,
    QueueItemOut,
    QueuePageOut,
    ReplyIn,
    RevealOut,
    SegmentIn,
    TagsIn,
    TicketDetailOut,
    TransitionIn,
    TriageIn,
)
from walletdesk.core.clock import now
from walletdesk.core.errors import NotFound
from walletdesk.guard.services import customer_reveal
from walletdesk.guard.throttle import client_ip
from walletdesk.tickets import services
from walletdesk.tickets.selectors import (
    QUEUES,
    QueueFilters,
    ticket_get_by_number_for_agent,
    ticket_get_for_agent,
    ticket_queue,
)

router = Router(auth=[AgentTokenAuth(), AgentSessionAuth()], tags=["agent"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def _ticket(request: AuthedRequest, ticket_id: int):
    return ticket_get_for_agent(agent=request.auth, ticket_id=ticket_id, for_update=True)


def _detail(request: AuthedRequest, ticket_id: int):
    ticket = ticket_get_for_agent(agent=request.auth, ticket_id=ticket_id)
    return ticket_detail(ticket, agent=request.auth)


@router.get("/queues/{queue}", response={200: QueuePageOut, **ERRORS})
def queue(request: AuthedRequest, queue: str, params: Query[QueueFiltersIn]):
    """A queue (mine, unassigned, open, pending, on_hold, breaching, breached, resolved, all);
    breaching holds the active tickets due within WALLETDESK_BREACHING_SOON_MINUTES."""
    if queue not in QUEUES:
        raise NotFound(f"Unknown queue; expected one of {', '.join(QUEUES)}.")
    fields = params.model_dump(exclude={"cursor", "limit"})
    page, next_cursor = ticket_queue(
        agent=request.auth,
        filters=QueueFilters(queue=queue, **fields),
        at=now(),
        cursor=params.cursor,
        limit=params.limit,
    )
    return {"items": [queue_item(t) for t in page], "next_cursor": next_cursor}


@router.get("/notifications", response={200: NotificationPageOut, **ERRORS})
def notifications(
    request: AuthedRequest, unread: bool = False, before: int | None = None, limit: int = 20
):
    """The agent's notices (SLA breaches and warnings, low scores, escalations, assignments),
    newest first; pass next_before back as before for the next page."""
    limit = max(1, min(limit, 100))
    items = notifications_of_agent(
        agent=request.auth, unread_only=unread, before=before, limit=limit
    )
    return {
        "items": [presenters.notification(n) for n in items],
        "unread": notifications_unread_count(agent=request.auth),
        "next_before": items[-1].id if len(items) == limit else None,
    }


@router.post("/notifications/read", response={200: NotificationsReadOut, **ERRORS})
def notifications_read(request: AuthedRequest, payload: NotificationsReadIn):
    marked = notifications_mark_read(agent=request.auth, ids=payload.ids)
    return {"marked": marked, "unread": notifications_unread_count(agent=request.auth)}


@router.get("/tickets/{ticket_id}", response={200: TicketDetailOut, **ERRORS})
def detail(request: AuthedRequest, ticket_id: int):
    return _detail(request, ticket_id)


@router.post(
    "/tickets/{ticket_id}/customer/reveal", response={200: RevealOut, 429: ErrorOut, **ERRORS}
)
def reveal(request: AuthedRequest, ticket_id: int):
    """The customer's identities unmasked: audited, and rate-limited per agent."""
    ticket = ticket_get_for_agent(agent=request.auth, ticket_id=ticket_id)
    ip = client_ip(request)
    return {
        "customer_id": ticket.customer_id,
        "identities": customer_reveal(agent=request.auth, ticket=ticket, ip=ip),
    }


@router.put("/tickets/{ticket_id}/customer/segment", response={200: TicketDetailOut, **ERRORS})
@transaction.atomic
def segment(request: AuthedRequest, ticket_id: int, payload: SegmentIn):
    """Set the customer's segment (novice, regular, pro) by hand, or null to derive it again."""
    ticket = _ticket(request, ticket_id)
    customer_segment_set(customer=ticket.customer, segment=payload.segment, actor=request.auth)
    return _detail(request, ticket_id)


@router.post("/tickets/{ticket_id}/replies", response={201: TicketDetailOut, **ERRORS})
@transaction.atomic
def reply(request: AuthedRequest, ticket_id: int, payload: ReplyIn):
    services.reply_send(
        ticket=_ticket(request, ticket_id),
        agent=request.auth,
        body=payload.body,
        status=payload.status,
    )
    return Status(201, _detail(request, ticket_id))


@router.post("/tickets/{ticket_id}/notes", response={201: TicketDetailOut, **ERRORS})
@transaction.atomic
def note(request: AuthedRequest, ticket_id: int, payload: MessageIn):
    services.note_add(ticket=_ticket(request, ticket_id), agent=request.auth, body=payload.body)
    return Status(201, _detail(request, ticket_id))


@router.post("/tickets/{ticket_id}/assign", response={200: TicketDetailOut, **ERRORS})
@transaction.atomic
def assign(request: AuthedRequest, ticket_id: int, payload: AssignIn):
    agent = None
    if payload.agent_id is not None:
        agent = Agent.objects.filter(id=payload.agent_id, user__is_active=True).first()
        if agent is None:
            raise NotFound("No such agent.")
    services.ticket_assign(ticket=_ticket(request, ticket_id), agent=agent, actor=request.auth)
    return _detail(request, ticket_id)


@router.post("/tickets/{ticket_id}/transition", response={200: TicketDetailOut, **ERRORS})
@transaction.atomic
def transition(request: AuthedRequest, ticket_id: int, payload: TransitionIn):
    services.ticket_transition(
        ticket=_ticket(request, ticket_id), to=payload.to, actor=request.auth, reason=payload.reason
    )
    return _detail(request, ticket_id)


@router.post("/tickets/{ticket_id}/escalate", response={200: QueueItemOut, **ERRORS})
@transaction.atomic
def escalate(request: AuthedRequest, ticket_id: int, payload: EscalateIn):
    team = Team.objects.filter(id=payload.team_id).first()
    if team is None:
        raise NotFound("No such team.")
    ticket = services.ticket_escalate(
        ticket=_ticket(request, ticket_id), to_team=team, reason=payload.reason, actor=request.auth
    )
    return queue_item(ticket)  # the escalating agent may no longer see the full ticket


@router.post("/tickets/{ticket_id}/hand-back", response={200: QueueItemOut, **ERRORS})
@transaction.atomic
def hand_back(request: AuthedRequest, ticket_id: int, payload: HandBackIn):
    ticket = services.ticket_hand_back(
        ticket=_ticket(request, ticket_id), actor=request.auth, note=payload.note
    )
    return queue_item(ticket)


@router.post("/tickets/{ticket_id}/merge", response={200: TicketDetailOut, **ERRORS})
@transaction.atomic
def merge(request: AuthedRequest, ticket_id: int, payload: MergeIn):
    source = _ticket(request, ticket_id)
    target = ticket_get_by_number_for_agent(agent=request.auth, number=payload.into)
    target = services.ticket_merge(source=source, target=target, actor=request.auth)
    return _detail(request, target.id)


@router.post("/tickets/{ticket_id}/links", response={200: TicketDetailOut, **ERRORS})
@transaction.atomic
def link(request: AuthedRequest, ticket_id: int, payload: LinkIn):
    target = ticket_get_by_number_for_agent(agent=request.auth, number=payload.target)
    services.ticket_link(
        source=_ticket(request, ticket_id), target=target, kind=payload.kind, actor=request.auth
    )
    return _detail(request, ticket_id)


@router.post("/tickets/{ticket_id}/tags", response={200: TicketDetailOut, **ERRORS})
@transaction.atomic
def tags(request: AuthedRequest, ticket_id: int, payload: TagsIn):
    services.ticket_tags_change(
        ticket=_ticket(request, ticket_id),
        add=payload.add,
        remove=payload.remove,
        actor=request.auth,
    )
    return _detail(request, ticket_id)


@router.patch("/tickets/{ticket_id}/triage", response={200: TicketDetailOut, **ERRORS})
@transaction.atomic
def triage(request: AuthedRequest, ticket_id: int, payload: TriageIn):
    services.ticket_triage_set(
        ticket=_ticket(request, ticket_id),
        actor=request.auth,
        priority=payload.priority,
        category=payload.category,
        intent=payload.intent,
    )
    return _detail(request, ticket_id)
