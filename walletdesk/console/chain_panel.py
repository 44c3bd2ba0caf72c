"""The chain diagnosis panel of the ticket page: the latest diagnosis of each hash or address the
customer quoted, and whether a re-check is still running.

A re-check queues `chain.services.ticket_diagnose` after commit (the worker runs it); the panel
then polls until a diagnosis newer than the request is stored, for at most CHECK_WAIT.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils.translation import gettext as _

from walletdesk.chain import services as chain_services
from walletdesk.chain.lookup import configured_clients
from walletdesk.chain.models import ChainDiagnosis
from walletdesk.chain.references import lookup_targets
from walletdesk.chain.selectors import diagnoses_for_ticket, ticket_customer_text
from walletdesk.core.clock import now
from walletdesk.tickets.models import Ticket

CHECK_WAIT = timedelta(seconds=60)  # stop polling after this; the next page load shows it


@dataclass
class ChainPanel:
    ticket: Ticket
    diagnoses: list[ChainDiagnosis]
    configured: bool
    checking_since: datetime | None = None  # a re-check was asked at this time, not done yet
    message: str = ""
    alerts: int = field(init=False)

    def __post_init__(self) -> None:
        self.alerts = sum(len(d.warnings) for d in self.diagnoses)


def chain_panel(*, ticket: Ticket, since: datetime | None = None) -> ChainPanel:
    """One query. With `since` (a re-check's time): still checking while no diagnosis is newer
    and CHECK_WAIT has not passed."""
    diagnoses = list(diagnoses_for_ticket(ticket=ticket))
    panel = ChainPanel(ticket=ticket, diagnoses=diagnoses, configured=bool(configured_clients()))
    if since is None:
        return panel
    if any(d.checked_at >= since for d in diagnoses):
        panel.message = _("Checked again just now.")
    elif now() - since < CHECK_WAIT:
        panel.checking_since = since
    else:
        panel.message = _("The check is taking long; reload the page later to see it.")
    return panel


def chain_recheck(*, ticket: Ticket) -> ChainPanel:
    """Queue a fresh look-up of the ticket's hashes and addresses; the panel to show next."""
    started = now()
    if not configured_clients():
        panel = chain_panel(ticket=ticket)
        panel.message = _("No chain node is configured: nothing can be checked.")
        return panel
    if not lookup_targets(ticket_customer_text(ticket=ticket)):
        panel = chain_panel(ticket=ticket)
        panel.message = _("The customer quoted no transaction hash or address to check.")
        return panel
    chain_services.ticket_diagnose_on_commit(ticket_id=ticket.id)
    return chain_panel(ticket=ticket, since=started)
