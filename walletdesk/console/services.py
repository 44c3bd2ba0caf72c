"""Console writes: saved views and macros. Ticket writes go through walletdesk.tickets.services."""

from django.db import transaction
from django.utils.text import slugify

from walletdesk.accounts.models import Agent
from walletdesk.console.canned import CANNED
from walletdesk.console.filters import SAVABLE_PARAMS
from walletdesk.console.models import Macro, SavedView
from walletdesk.core.errors import InvalidInput, NotFound
from walletdesk.tickets import services as ticket_services
from walletdesk.tickets.models import Message, Ticket


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


@transaction.atomic
def macro_apply(
    *, macro: Macro, ticket: Ticket, agent: Agent, body: str, status: str | None = None
) -> Message:
    """Send the agent's reply (the macro's body as they edited it) and apply the macro: its
    status unless the agent chose one, its tags. All or nothing."""
    message = ticket_services.reply_send(
        ticket=ticket, agent=agent, body=body, status=status or macro.status or None
    )
    tags = sorted({slugify(t, allow_unicode=True)[:50] for t in macro.tags} - {""})
    if tags:
        ticket_services.ticket_tags_change(ticket=ticket, add=tags, remove=[], actor=agent)
    return message


def macros_seed_canned() -> list[Macro]:
    """The canned replies as global macros (demo data); seeding twice adds none."""
    return [
        Macro.objects.get_or_create(
            name=en_title,
            team=None,
            agent=None,
            defaults={"body_en": en_body, "body_zh_hans": zh_body},
        )[0]
        for (en_title, en_body), (_zh_title, zh_body) in zip(
            CANNED["en"], CANNED["zh-hans"], strict=True
        )
    ]
