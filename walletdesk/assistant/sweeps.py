"""Conversations the customer left: the assistant answered or asked, and nothing came back
within WALLETDESK_ASSISTANT_ABANDON_MINUTES. Run by the worker's sweep (`ops.worker`).

- The assistant asked a question (the issue is unresolved): a person takes the ticket, with a
  note saying what was asked; on a channel where the assistant talks (`auto`) the customer is
  told a person will follow up.
- It answered (or refused): the conversation ends politely; on an `auto` channel the customer
  gets a closing line and the ticket is resolved (a new message reopens it).
- A conversation of the app's API (no ticket): marked abandoned.
Each exchange still open is marked abandoned for the learning figures."""

from datetime import datetime, timedelta

from django.db import transaction

from walletdesk.assistant import compose, policy
from walletdesk.assistant.autoreply import channel_mode
from walletdesk.assistant.handover import (
    HANDOVER_TAG,
    expected_wait,
    reply_post,
    ticket_status_set,
)
from walletdesk.assistant.models import Conversation, Exchange
from walletdesk.core.clock import now
from walletdesk.core.conf import desk_setting
from walletdesk.tickets.choices import Status
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.services import note_add, ticket_tags_change

WAITING_ACTIONS = (policy.Action.ANSWER, policy.Action.CLARIFY, policy.Action.REFUSE)
SWEEP_BATCH = 200


def abandoned_cutoff(at: datetime) -> datetime:
    return at - timedelta(minutes=int(desk_setting("ASSISTANT_ABANDON_MINUTES")))


def abandoned_sweep(*, at: datetime | None = None, limit: int = SWEEP_BATCH) -> int:
    """End the conversations left waiting on the customer; returns how many were ended."""
    cutoff = abandoned_cutoff(at or now())
    ids = list(
        Conversation.objects.filter(
            status=Conversation.Status.ACTIVE,
            updated_at__lt=cutoff,
            last_action__in=WAITING_ACTIONS,
        )
        .order_by("updated_at")
        .values_list("id", flat=True)[:limit]
    )
    return sum(conversation_abandon(conversation_id=i, cutoff=cutoff) for i in ids)


@transaction.atomic
def conversation_abandon(*, conversation_id: int, cutoff: datetime) -> bool:
    """End one left conversation (False when the customer wrote meanwhile or another worker
    took it)."""
    conversation = (
        Conversation.objects.select_for_update(skip_locked=True)
        .filter(id=conversation_id, status=Conversation.Status.ACTIVE, updated_at__lt=cutoff)
        .first()
    )
    if conversation is None:
        return False
    unresolved = conversation.last_action == policy.Action.CLARIFY
    ticket = _active_ticket(conversation)
    if ticket is not None:
        speak = channel_mode(conversation.channel) == policy.Mode.AUTO
        if unresolved:
            _hand_over(conversation, ticket, speak=speak)
        elif speak:
            reply_post(
                ticket=ticket,
                text=compose.closing_text(language=conversation.language, abandoned=True),
            )
            ticket_status_set(ticket, Status.RESOLVED, "assistant: no reply from the customer")
    handed_over = unresolved and ticket is not None
    conversation.status = (
        Conversation.Status.HANDED_OVER if handed_over else Conversation.Status.ABANDONED
    )
    conversation.pending_options = []
    conversation.updated_at = now()
    conversation.save(update_fields=["status", "pending_options", "updated_at"])
    conversation.exchanges.filter(outcome=Exchange.Outcome.OPEN).update(
        outcome=Exchange.Outcome.ABANDONED
    )
    return True


def _active_ticket(conversation: Conversation) -> Ticket | None:
    if conversation.ticket_id is None:
        return None
    ticket = Ticket.objects.select_for_update().get(id=conversation.ticket_id)
    return ticket if ticket.is_active else None


def _hand_over(conversation: Conversation, ticket: Ticket, *, speak: bool) -> None:
    asked = ", ".join(conversation.pending_options) or "what happened"
    note = (
        "Assistant handover (abandoned): the customer did not answer the assistant's "
        f"question ({asked}). Last topic: {conversation.last_intent or 'unknown'}."
    )
    note_add(ticket=ticket, agent=None, body=note)  # type: ignore[arg-type]
    ticket_tags_change(ticket=ticket, add=[HANDOVER_TAG], remove=[], actor=None)  # type: ignore[arg-type]
    ticket_status_set(ticket, Status.OPEN, "assistant: no reply to its question")
    if speak:
        minutes, business = expected_wait(ticket)
        text = compose.handover_text(
            language=conversation.language,
            reason="abandoned",
            ticket_number=ticket.number,
            eta_minutes=minutes,
            business_hours=business,
            values={},
        )
        reply_post(ticket=ticket, text=text)
