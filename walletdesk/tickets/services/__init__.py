"""Ticket writes. Other apps import from here, never from the submodules."""

from walletdesk.tickets.services.assignment import (
    queue_pickup_sweep,
    ticket_assign,
    ticket_auto_assign,
)
from walletdesk.tickets.services.automation import automation_sweep
from walletdesk.tickets.services.conversation import (
    CustomerText,
    customer_message_add,
    customer_messages_add,
    note_add,
    reply_send,
)
from walletdesk.tickets.services.creation import (
    TicketDraft,
    ticket_create,
    tickets_create,
    token_hash,
)
from walletdesk.tickets.services.lifecycle import ticket_transition
from walletdesk.tickets.services.organize import (
    ticket_escalate,
    ticket_hand_back,
    ticket_link,
    ticket_merge,
    ticket_tags_change,
    ticket_triage_set,
)
from walletdesk.tickets.services.sla_sweep import sla_sweep
from walletdesk.tickets.services.surveys import survey_answer

__all__ = [
    "CustomerText",
    "TicketDraft",
    "automation_sweep",
    "customer_message_add",
    "customer_messages_add",
    "note_add",
    "queue_pickup_sweep",
    "reply_send",
    "sla_sweep",
    "survey_answer",
    "ticket_assign",
    "ticket_auto_assign",
    "ticket_create",
    "ticket_escalate",
    "ticket_hand_back",
    "ticket_link",
    "ticket_merge",
    "ticket_tags_change",
    "ticket_transition",
    "ticket_triage_set",
    "tickets_create",
    "token_hash",
]
