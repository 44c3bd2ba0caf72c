"""Scam reports become security tickets; a confirmed phishing domain joins the blocklist."""

from django.db import transaction

from walletdesk.accounts.models import Agent, Customer
from walletdesk.core.errors import InvalidInput, PermissionDenied
from walletdesk.guard.models import PhishingEntry
from walletdesk.guard.redaction import redact
from walletdesk.guard.selectors import blocklist_candidates, channel_verify
from walletdesk.guard.services import audit_record, phishing_domain_block
from walletdesk.tickets.choices import Category, Priority
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.services import TicketDraft, ticket_create, ticket_tags_change

SCAM_INTENT = "phishing_and_scam_report"
REPORT_TAG = "scam-report"
CONFIRMED_TAG = "phishing-confirmed"
CONFIRMING_ROLES = frozenset({Agent.Role.SECURITY, Agent.Role.SUPERVISOR, Agent.Role.ADMIN})


@transaction.atomic
def scam_report_create(
    *, customer: Customer, description: str, channel: str, suspicious: str = "", language: str = ""
) -> tuple[Ticket, str]:
    """A customer reports a fake site / account: an urgent security ticket carrying the
    verdict on what was reported (`metadata["guard"]["reported"]`). The links of the report
    and of the reported value are flagged by the ticket write path's screening, like every
    intake (`metadata["link_flags"]`, tags): one source. Returns (ticket, access token)."""
    body = redact(description).text
    reported = redact(suspicious).text.strip()[:500]
    metadata: dict = {}
    if reported:
        verdict = channel_verify(value=reported)
        metadata["reported"] = {
            "kind": str(verdict.kind),
            "value": verdict.value,
            "status": str(verdict.status),
            "reasons": list(verdict.reasons),
        }
    draft = TicketDraft(
        customer=customer,
        subject=f"Scam report: {reported}"[:200] if reported else "Scam report",
        body=f"{body}\n\n{reported}".strip() if reported else body,
        channel=channel,
        language=language,
        category=Category.SECURITY,
        intent=SCAM_INTENT,
        priority=Priority.URGENT,
        metadata={"guard": metadata} if metadata else {},
        tags=[REPORT_TAG],
    )
    return ticket_create(draft=draft)


def can_confirm_phishing(agent: Agent | None) -> bool:
    return agent is not None and agent.role in CONFIRMING_ROLES


@transaction.atomic
def phishing_report_confirm(*, ticket: Ticket, domain: str, agent: Agent) -> PhishingEntry:
    """One click: the domain joins the blocklist, the ticket is tagged, both are audited. Only
    a host the ticket names (`selectors.blocklist_candidates`) can be confirmed from it."""
    if not can_confirm_phishing(agent):
        raise PermissionDenied("Only the security team can confirm phishing domains.")
    if domain.strip().lower() not in blocklist_candidates(ticket.metadata):
        raise InvalidInput("This ticket does not name that domain, or it is blocked already.")
    entry = phishing_domain_block(
        domain=domain,
        actor=agent,
        note=f"confirmed from {ticket.number}",
        source=PhishingEntry.Source.CONFIRMED,
    )
    ticket_tags_change(ticket=ticket, add=[CONFIRMED_TAG], remove=[], actor=agent)
    audit_record(
        action="blocklist.confirmed_from_report",
        actor=agent,
        target=ticket,
        data={"domain": entry.domain},
    )
    return entry
