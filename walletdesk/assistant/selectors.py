"""The assistant's reads: a customer's conversation (404 alike for absent and not theirs),
the transcript, and the exchanges that feed the knowledge-gap report."""

from datetime import datetime

from django.db.models import Q, QuerySet

from walletdesk.accounts.models import Customer, CustomerIdentity
from walletdesk.assistant.engine import understand
from walletdesk.assistant.gaps import Question
from walletdesk.assistant.knowledge import article_texts, article_url, kb_search
from walletdesk.assistant.models import Conversation, Exchange
from walletdesk.core.errors import NotFound


def customer_for_app_user(*, app_user_id: str) -> Customer:
    identity = (
        CustomerIdentity.objects.select_related("customer")
        .filter(kind=CustomerIdentity.Kind.APP_USER, value=app_user_id)
        .first()
    )
    if identity is None:
        raise NotFound("No such conversation.")
    return identity.customer


def conversation_get_for_customer(*, customer: Customer, conversation_id: int) -> Conversation:
    conversation = (
        Conversation.objects.select_related("customer", "ticket")
        .filter(id=conversation_id, customer=customer)
        .first()
    )
    if conversation is None:
        raise NotFound("No such conversation.")
    return conversation


def exchanges_of(conversation: Conversation) -> QuerySet[Exchange]:
    return conversation.exchanges.order_by("id")


# Why a question was not answered that says an article may be missing (a security topic, a
# request for a person, a greeting or a one-word message do not).
GAP_REASONS = ("low_confidence", "close_intents", "not_helped", "second_failure")


def knowledge_gaps(*, since: datetime | None = None, limit: int = 2000) -> QuerySet[Exchange]:
    """Questions the assistant could not answer, or answered unhelpfully, newest first. The
    customer's own words: "did not help" replies stand for the question before them."""
    gaps = Q(reason__in=GAP_REASONS) | Q(helpful=False)
    rows = Exchange.objects.filter(gaps).exclude(reason="not_helped", helpful__isnull=True)
    if since is not None:
        rows = rows.filter(created_at__gte=since)
    return rows.order_by("-created_at")[:limit]


def knowledge_gap_questions(*, since: datetime | None = None, limit: int = 2000) -> list[Question]:
    rows = knowledge_gaps(since=since, limit=limit).values_list(
        "text", "language", "intent", "reason", "helpful"
    )
    return [
        Question(text, language, intent, "not_helped" if helpful is False else reason)
        for text, language, intent, reason, helpful in rows
        if text.strip()
    ]


def assistant_suggestions(*, text: str, language: str = "") -> dict:
    """For an agent reading an inbound message: the likely intents and the articles to insert
    (the same engine the assistant answers with; reads the articles' titles)."""
    understanding = understand(text, fallback_language=language or "en", search=kb_search)
    articles = article_texts(understanding.articles, understanding.language.code)
    return {
        "language": understanding.language.code,
        "intents": [
            {"intent": s.intent, "confidence": round(s.probability, 4)}
            for s in understanding.intents
        ],
        "articles": [
            {"slug": a.slug, "title": a.title, "url": article_url(a.slug)} for a in articles
        ],
        "entities": understanding.entities.as_dict(),
    }
