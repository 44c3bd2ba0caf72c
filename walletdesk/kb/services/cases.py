"""Published cases: a resolved ticket told publicly, anonymised, approved by an editor."""

from django.db import IntegrityError, transaction

from walletdesk.accounts.models import Agent
from walletdesk.core.clock import now
from walletdesk.core.errors import Conflict
from walletdesk.kb.anonymize import anonymize
from walletdesk.kb.models import Article, Language, PublishedCase, Visibility
from walletdesk.kb.services.articles import assert_editor
from walletdesk.tickets.choices import Status
from walletdesk.tickets.models import Message, Ticket

EXCERPT_CHARS = 1200
HEADINGS = {
    "en": ("What happened", "What we found and what to do", "Related articles"),
    "zh-hans": ("问题经过", "我们的发现与处理办法", "相关文章"),
}


def _names(ticket: Ticket) -> list[str]:
    customer = ticket.customer
    names = [customer.display_name, *customer.identities.values_list("value", flat=True)]
    agents = Agent.objects.filter(message__ticket=ticket).values_list("display_name", flat=True)
    return [*names, *agents]


def _excerpt(messages: list[str], names: list[str]) -> str:
    joined = "\n\n".join(m.strip() for m in messages if m.strip())
    text = anonymize(joined, names=names)
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1].rstrip() + "…"


def _related_links(ticket: Ticket) -> list[str]:
    """Public articles for the ticket's intent, as help-centre links (/help/<slug>/)."""
    if not ticket.intent:
        return []
    rows = Article.objects.filter(visibility=Visibility.PUBLIC).values_list("slug", "intents")
    slugs = sorted(slug for slug, intents in rows if ticket.intent in intents)[:3]
    return [f"- [{slug}](/help/{slug}/)" for slug in slugs]


def case_body(ticket: Ticket) -> str:
    """The anonymised markdown of a case: the customer's problem, then our answers."""
    names = _names(ticket)
    msgs = list(ticket.messages.exclude(direction=Message.Direction.NOTE).order_by("created_at"))
    asked = [m.body_text for m in msgs if m.direction == Message.Direction.INBOUND][:2]
    answered = [m.body_text for m in msgs if m.direction == Message.Direction.OUTBOUND]
    happened, found, related = HEADINGS.get(ticket.language, HEADINGS["en"])
    parts = [f"## {happened}", _excerpt(asked, names), f"## {found}", _excerpt(answered, names)]
    links = _related_links(ticket)
    if links:
        parts += [f"## {related}", "\n".join(links)]
    return "\n\n".join(parts) + "\n"


@transaction.atomic
def case_draft(*, ticket: Ticket, actor: Agent) -> PublishedCase:
    """Draft a public case from a resolved or closed ticket (the agent's access is checked by
    the caller); one live case per ticket."""
    if ticket.status not in (Status.RESOLVED, Status.CLOSED):
        raise Conflict("Only a resolved or closed ticket can become a public case.")
    language = ticket.language if ticket.language in Language.values else Language.EN
    try:
        with transaction.atomic():
            return PublishedCase.objects.create(
                ticket=ticket,
                language=language,
                intent=ticket.intent,
                title=anonymize(ticket.subject, names=_names(ticket))[:200],
                body=case_body(ticket),
                drafted_by=actor,
                created_at=now(),
            )
    except IntegrityError as exc:
        raise Conflict("This ticket already has a public case.") from exc


@transaction.atomic
def case_approve(
    *, case: PublishedCase, actor: Agent, title: str | None = None, body: str | None = None
) -> PublishedCase:
    """An editor publishes a draft, optionally with edited text (anonymised again)."""
    assert_editor(actor)
    if case.status != PublishedCase.Status.DRAFT:
        raise Conflict("Only a draft case can be approved.")
    names = _names(case.ticket) if case.ticket is not None else []
    if title is not None:
        case.title = anonymize(title, names=names)[:200]
    if body is not None:
        case.body = anonymize(body, names=names)
    case.status = PublishedCase.Status.PUBLISHED
    case.approved_by = actor
    case.published_at = now()
    case.save()
    return case


@transaction.atomic
def case_reject(*, case: PublishedCase, actor: Agent) -> PublishedCase:
    assert_editor(actor)
    if case.status != PublishedCase.Status.DRAFT:
        raise Conflict("Only a draft case can be rejected.")
    case.status = PublishedCase.Status.REJECTED
    case.approved_by = actor
    case.save(update_fields=["status", "approved_by"])
    return case
