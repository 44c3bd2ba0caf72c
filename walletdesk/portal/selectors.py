"""Portal reads: what a customer holding a ticket's token may see, in a fixed number of queries.

A browser's access to a ticket is a grant in its session (see portal.access): the ticket is
read with `ticket_get_for_grant` or, from a signed tracking link, `ticket_get_for_link`; both
answer NotFound alike for an absent ticket and a wrong grant, like ticket_get_for_token.
"""

import hmac
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef

from walletdesk.accounts.models import CustomerIdentity
from walletdesk.assistant.models import PostedMessage
from walletdesk.core.errors import NotFound
from walletdesk.portal.access import grant_of, link_binding
from walletdesk.tickets.choices import Status
from walletdesk.tickets.models import Message, Ticket
from walletdesk.tickets.selectors import customer_messages, customer_timeline


def _by_number(number: str) -> Ticket | None:
    return Ticket.objects.select_related("customer").filter(number=number.upper()).first()


def ticket_get_for_grant(*, number: str, grant: str) -> Ticket:
    """The ticket a session's grant opens (constant-time comparison, 404 alike)."""
    ticket = _by_number(number)
    expected = grant_of(ticket.access_token_hash if ticket else "absent")
    if ticket is None or not hmac.compare_digest(expected, grant):
        raise NotFound("No such ticket.")
    return ticket


def ticket_get_for_link(*, number: str, binding: str) -> Ticket:
    """The ticket a signed tracking link names, if its binding still matches the token."""
    ticket = _by_number(number)
    expected = link_binding(ticket.access_token_hash if ticket else "absent")
    if ticket is None or not hmac.compare_digest(expected, binding):
        raise NotFound("No such ticket.")
    return ticket


def ticket_for_new_link(*, number: str, email: str) -> Ticket | None:
    """The ticket a "send me a new link" request names, if its customer has that e-mail
    address (None alike for an absent ticket and another address)."""
    return (
        Ticket.objects.select_related("customer")
        .filter(
            number=number.strip().upper(),
            customer__identities__kind=CustomerIdentity.Kind.EMAIL,
            customer__identities__value=email.strip().lower(),
        )
        .first()
    )


@dataclass
class Progress:
    ticket: Ticket
    timeline: list[dict[str, Any]]
    messages: list[Message]
    can_rate: bool
    rated_score: int | None


def ticket_progress(ticket: Ticket) -> Progress:
    answered = ticket.surveys.filter(answered_at__isnull=False).order_by("-answered_at").first()
    done = ticket.status in (Status.RESOLVED, Status.CLOSED)
    return Progress(
        ticket=ticket,
        timeline=customer_timeline(ticket),
        messages=list(
            customer_messages(ticket)
            .annotate(by_assistant=Exists(PostedMessage.objects.filter(message=OuterRef("pk"))))
            .prefetch_related("attachments")
        ),
        can_rate=done and answered is None,
        rated_score=answered.score if answered else None,
    )


@dataclass
class HelpEntry:
    slug: str
    title: str
    summary: str


def help_articles(*, language: str) -> list[tuple[str, list[HelpEntry]]]:
    """Public articles grouped by category, titled in the reader's language (or the closest)."""
    from walletdesk.kb.models import Category as KbCategory
    from walletdesk.kb.selectors import articles_visible

    preferred = [language, "en", "zh-hans"]
    groups: dict[str, list[HelpEntry]] = {}
    for article in articles_visible().prefetch_related("translations").order_by("category", "slug"):
        by_lang = {t.language: t for t in article.translations.all()}
        tr = next((by_lang[lang] for lang in preferred if lang in by_lang), None)
        if tr is not None:
            entry = HelpEntry(article.slug, tr.title, tr.summary)
            groups.setdefault(article.category, []).append(entry)
    order = list(KbCategory.values)
    return sorted(groups.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99)
