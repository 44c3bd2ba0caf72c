"""Reads for the chain app."""

from __future__ import annotations

from django.db.models import QuerySet

from walletdesk.tickets.models import Message, Ticket

from .models import ChainDiagnosis


def diagnoses_for_ticket(*, ticket: Ticket) -> QuerySet[ChainDiagnosis]:
    return ChainDiagnosis.objects.filter(ticket=ticket).order_by("id")


def ticket_customer_text(*, ticket: Ticket) -> str:
    """The subject and every customer message: where hashes and addresses are quoted."""
    bodies = Message.objects.filter(ticket=ticket, direction=Message.Direction.INBOUND).values_list(
        "body_text", flat=True
    )
    return "\n".join([ticket.subject, *bodies])
