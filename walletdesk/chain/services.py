"""Chain writes: diagnose a ticket's hashes and addresses and attach the result to it."""

from __future__ import annotations

import logging

from django.db import transaction

from walletdesk.core.clock import now
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.services import note_add

from . import runner, selectors
from .diagnosis import (
    Diagnosis,
    Expectations,
    Verdict,
    agent_text,
    customer_text,
    network_hint,
    quoted_amounts,
)
from .lookup import configured_clients
from .models import ChainDiagnosis
from .references import lookup_targets, quoted_addresses

logger = logging.getLogger(__name__)


def ticket_diagnose_on_commit(*, ticket_id: int) -> None:
    """Queue a (re-)check of a ticket's references once the current transaction commits.

    Intake calls this on ticket creation and on each inbound message; it never waits on a chain.
    """
    from .tasks import ticket_diagnose_task  # the task module imports this one

    if not configured_clients():
        return  # no chain configured: nothing to look up, nothing to queue
    transaction.on_commit(lambda: ticket_diagnose_task.enqueue(ticket_id))


def ticket_diagnose(*, ticket_id: int) -> list[ChainDiagnosis]:
    """Look up every hash and address the customer quoted and store the diagnoses.

    Idempotent: one row per (ticket, subject); an internal note only when a verdict is new
    or changed. The look-ups run outside any transaction.
    """
    ticket = Ticket.objects.filter(id=ticket_id).first()
    if ticket is None:
        return []
    text = selectors.ticket_customer_text(ticket=ticket)
    expectations = Expectations(
        addresses=quoted_addresses(text),
        network_hint=network_hint(text),
        amounts=quoted_amounts(text),
    )
    hint = expectations.network_hint
    diagnoses = [
        runner.diagnose_reference(ref, hint=hint, expectations=expectations)
        for ref in lookup_targets(text)
    ]
    return [diagnosis_store(ticket=ticket, diagnosis=d) for d in diagnoses]


def _signature(record: ChainDiagnosis) -> tuple[str, str, tuple[str, ...]]:
    """What a note reports: a new confirmation count alone is not worth a note."""
    return (record.verdict, record.reason, tuple(record.warnings))


@transaction.atomic
def diagnosis_store(*, ticket: Ticket, diagnosis: Diagnosis) -> ChainDiagnosis:
    """Create or refresh the row; add an internal note when the verdict changed."""
    data = diagnosis.to_dict()
    record = (
        ChainDiagnosis.objects.select_for_update()
        .filter(ticket=ticket, subject=diagnosis.subject, kind=diagnosis.kind)
        .first()
    )
    before = None if record is None else _signature(record)
    if record is None:
        record = ChainDiagnosis(ticket=ticket, subject=diagnosis.subject, kind=diagnosis.kind)
    record.chain = diagnosis.chain
    record.verdict = data["verdict"]
    record.reason = data["reason"]
    record.warnings = data["warnings"]
    record.details = data["details"]
    record.facts = data["facts"]
    record.summary_en = customer_text(diagnosis, "en")
    record.summary_zh = customer_text(diagnosis, "zh-hans")
    record.checked_at = now()
    if before != _signature(record) and diagnosis.verdict != Verdict.UNAVAILABLE:
        # A system note: no agent wrote it (Message.author_agent is nullable).
        record.note = note_add(ticket=ticket, agent=None, body=agent_text(diagnosis))
    record.save()
    return record
