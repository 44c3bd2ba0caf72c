"""Console writes: saved views. Ticket writes go through walletdesk.tickets.services."""

from django.db import transaction

from walletdesk.accounts.models import Agent
from walletdesk.console.filters import SAVABLE_PARAMS
from walletdesk.console.models import SavedView
from walletdesk.core.errors import InvalidInput, NotFound


@transaction.atomic
def saved_view_save(*, agent: Agent, name: str, params: dict[str, str]) -> SavedView:
    """Create or replace the agent's view of that name with the given queue parameters."""
    name = name.strip()[:60]
    if not name:
        raise InvalidInput("A saved view needs a name.")
    kept = {k: v for k, v in params.items() if k in SAVABLE_PARAMS and v}
    view, _ = SavedView.objects.update_or_create(agent=agent, name=name, defaults={"params": kept})
    return view


def saved_view_delete(*, agent: Agent, view_id: int) -> None:
    deleted, _ = SavedView.objects.filter(agent=agent, id=view_id).delete()
    if not deleted:
        raise NotFound("No such saved view.")
