"""Satisfaction surveys: the customer's score, and what a low score sets off."""

from django.db import transaction

from walletdesk.accounts.models import Agent, Notification
from walletdesk.accounts.services import notice_build, notifications_send
from walletdesk.core.clock import now
from walletdesk.core.conf import desk_setting
from walletdesk.core.errors import Conflict, InvalidTransition
from walletdesk.tickets.choices import Status
from walletdesk.tickets.models import SatisfactionSurvey, Ticket
from walletdesk.tickets.services.assignment import assignee_set
from walletdesk.tickets.services.exposure import exposure_handle, text_clean
from walletdesk.tickets.services.history import event_record
from walletdesk.tickets.services.lifecycle import status_apply


def supervisor_for(ticket: Ticket) -> Agent | None:
    supervisors = Agent.objects.filter(role__in=[Agent.Role.SUPERVISOR, Agent.Role.ADMIN])
    in_team = (
        supervisors.filter(teams=ticket.team_id).order_by("id").first() if ticket.team_id else None
    )
    return in_team or supervisors.order_by("id").first()


@transaction.atomic
def survey_answer(*, ticket: Ticket, score: int, comment: str = "") -> SatisfactionSurvey:
    """Record a 1-5 score; a low score reopens the ticket for a supervisor. The comment is
    customer text like any other: redacted, and a secret in it sets off the exposure steps."""
    if ticket.status not in (Status.RESOLVED, Status.CLOSED):
        raise InvalidTransition("A ticket can be rated once it is resolved.")
    if not 1 <= score <= 5:
        raise Conflict("The score must be between 1 and 5.")
    survey = ticket.surveys.order_by("-sent_at").first()
    at = now()
    if survey is None:
        survey = SatisfactionSurvey(ticket=ticket, sent_at=at)
    if survey.answered_at is not None:
        raise Conflict("This ticket has already been rated.")
    cleaned = text_clean(comment)
    survey.score, survey.comment, survey.answered_at = score, cleaned.text[:2000], at
    survey.save()
    event_record(ticket, "rated", by_customer=True, at=at, data={"score": score})
    if cleaned.kinds:
        exposure_handle(ticket, cleaned.kinds, at=at)
    if score <= desk_setting("LOW_CSAT_SCORE"):
        _low_score(ticket, score, at)
    return survey


def _low_score(ticket: Ticket, score: int, at) -> None:
    supervisor = supervisor_for(ticket)
    if ticket.status == Status.RESOLVED:
        status_apply(ticket, Status.OPEN, actor=None, at=at, reason=f"satisfaction score {score}")
    if supervisor is None:
        return
    assignee_set(ticket, supervisor, actor=None, at=at).save()
    ticket.save(update_fields=["assignee"])
    notice = notice_build(
        agent_id=supervisor.id,
        kind=Notification.Kind.LOW_SCORE,
        data={"number": ticket.number, "score": score},
        ticket_id=ticket.id,
    )
    notifications_send(notices=[notice])
