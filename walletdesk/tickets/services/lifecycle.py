"""Status changes and everything a status change sets in motion (SLA clocks, automation, survey)."""

from datetime import datetime, timedelta

from django.db import transaction

from walletdesk.accounts.models import Agent
from walletdesk.core.clock import now
from walletdesk.core.conf import desk_setting
from walletdesk.core.events import publish_on_commit, ticket_group
from walletdesk.tickets import workflow
from walletdesk.tickets.choices import SlaKind, Status
from walletdesk.tickets.models import SatisfactionSurvey, Ticket
from walletdesk.tickets.services import sla_clock
from walletdesk.tickets.services.history import event_record

RESPONSE_KINDS = [SlaKind.FIRST_RESPONSE, SlaKind.NEXT_RESPONSE]
STATUS_FIELDS = [
    "status",
    "status_changed_at",
    "updated_at",
    "resolved_at",
    "closed_at",
    "sla_due_at",
    "sla_next_check_at",
    "automation_due_at",
    "pending_reminded",
]


def _hours(name: str) -> timedelta:
    return timedelta(hours=desk_setting(name))


def status_apply(
    ticket: Ticket,
    target: str,
    *,
    actor: Agent | None,
    at: datetime,
    by_customer: bool = False,
    reason: str = "",
) -> None:
    """Move to `target` (already checked against the workflow) and run its side effects."""
    previous = Status(ticket.status)
    goal = Status(target)
    if previous == goal:
        return
    if previous in workflow.WAITING_ON_CUSTOMER:
        sla_clock.targets_resume(ticket, at)
    if goal in workflow.WAITING_ON_CUSTOMER:
        sla_clock.targets_pause(ticket, at)
    _enter(ticket, goal, previous, at)
    ticket.status = goal
    ticket.status_changed_at = ticket.updated_at = at
    ticket.save(update_fields=STATUS_FIELDS)
    data: dict[str, str] = {"from": previous, "to": goal}
    if reason:
        data["reason"] = reason
    event_record(ticket, "status_changed", actor=actor, by_customer=by_customer, data=data, at=at)
    if goal == Status.RESOLVED:
        survey_send(ticket=ticket, at=at)
    publish_on_commit(ticket_group(ticket.id), {"type": "ticket.updated", "ticket": ticket.id})


def _enter(ticket: Ticket, target: Status, previous: Status, at: datetime) -> None:
    ticket.automation_due_at = None
    if target == Status.PENDING:
        ticket.pending_reminded = False
        ticket.automation_due_at = at + _hours("PENDING_REMINDER_HOURS")
    elif target == Status.RESOLVED:
        ticket.resolved_at = at
        sla_clock.targets_finish(ticket, [SlaKind.RESOLUTION], at, achieved=True)
        sla_clock.targets_finish(ticket, RESPONSE_KINDS, at, achieved=False)
        ticket.automation_due_at = at + _hours("RESOLVED_AUTO_CLOSE_HOURS")
    elif target == Status.CLOSED:
        ticket.closed_at = at
        sla_clock.targets_finish(ticket, list(SlaKind), at, achieved=False)
    elif previous == Status.RESOLVED:  # reopened: the customer is waiting for us again
        ticket.resolved_at = None
        sla_clock.targets_start(ticket, [SlaKind.NEXT_RESPONSE], at)


@transaction.atomic
def ticket_transition(*, ticket: Ticket, to: str, actor: Agent | None, reason: str = "") -> Ticket:
    workflow.assert_allowed(ticket.status, to)
    status_apply(ticket, to, actor=actor, at=now(), reason=reason)
    return ticket


def survey_send(*, ticket: Ticket, at: datetime) -> SatisfactionSurvey:
    survey = SatisfactionSurvey.objects.create(ticket=ticket, sent_at=at)
    event_record(ticket, "survey_sent", at=at)
    return survey
