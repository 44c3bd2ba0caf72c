"""Time-driven ticket automation: pending reminders, auto-resolve, auto-close."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from walletdesk.core.clock import now
from walletdesk.core.conf import desk_setting
from walletdesk.tickets.choices import Status
from walletdesk.tickets.models import Message, Ticket
from walletdesk.tickets.services.conversation import message_build, outbound_save
from walletdesk.tickets.services.history import event_record
from walletdesk.tickets.services.lifecycle import status_apply


def _hours(name: str) -> timedelta:
    return timedelta(hours=desk_setting(name))


def _remind(ticket: Ticket, at: datetime) -> None:
    with translation.override(ticket.language):
        body = _(
            "We are still waiting for your answer on ticket %(number)s. If we do not hear from "
            "you, we will mark it as solved; you can always reply to reopen it."
        ) % {"number": ticket.number}
    outbound_save(
        message_build(ticket, Message.Direction.OUTBOUND, body, channel=ticket.channel, at=at)
    )
    event_record(ticket, "reminder_sent", at=at)
    ticket.pending_reminded = True
    resolve_in = _hours("PENDING_AUTO_RESOLVE_HOURS") - _hours("PENDING_REMINDER_HOURS")
    ticket.automation_due_at = at + max(resolve_in, timedelta(0))
    ticket.save(update_fields=["pending_reminded", "automation_due_at"])


def ticket_automation_run(*, ticket: Ticket, at: datetime) -> str:
    """Do what is due for one ticket; returns what was done."""
    if ticket.status == Status.PENDING and not ticket.pending_reminded:
        _remind(ticket, at)
        return "reminded"
    if ticket.status == Status.PENDING:
        status_apply(ticket, Status.RESOLVED, actor=None, at=at, reason="no reply from customer")
        return "auto_resolved"
    if ticket.status == Status.RESOLVED:
        status_apply(ticket, Status.CLOSED, actor=None, at=at)
        return "closed"
    ticket.automation_due_at = None
    ticket.save(update_fields=["automation_due_at"])
    return "nothing"


def automation_sweep(*, at: datetime | None = None, batch_size: int = 200) -> dict[str, int]:
    """Run due automation on a batch of tickets claimed with SKIP LOCKED."""
    at = at or now()
    done: dict[str, int] = {}
    with transaction.atomic():
        due = (
            Ticket.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(automation_due_at__lte=at)
            .select_related("customer", "team")
            .order_by("automation_due_at")[:batch_size]
        )
        for ticket in due:
            outcome = ticket_automation_run(ticket=ticket, at=at)
            done[outcome] = done.get(outcome, 0) + 1
    return done
