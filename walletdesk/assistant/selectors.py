"""The assistant's reads: a customer's conversation (404 alike for absent and not theirs),
the transcript, and the exchanges that feed the knowledge-gap report."""

from django.db.models import Q, QuerySet

from walletdesk.accounts.models import Customer, CustomerIdentity
from walletdesk.assistant.engine import library, understand
from walletdesk.assistant.knowledge import article_url, kb_search
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


def knowledge_gaps(*, limit: int = 200) -> QuerySet[Exchange]:
    """Questions handed over, clarified or marked unhelpful, newest first."""
    gaps = Q(action__in=["handover", "clarify"]) | Q(helpful=False)
    return Exchange.objects.filter(gaps).order_by("-created_at")[:limit]


def assistant_suggestions(*, text: str, language: str = "") -> dict:
    """For an agent reading an inbound message: the likely intents and the articles to insert
    (the same engine the assistant answers with; reads no rows)."""
    understanding = understand(text, fallback_language=language or "en", search=kb_search)
    base = "zh-hans" if understanding.language.is_chinese else "en"
    lib = library()
    articles = [a for a in (lib.get(s, base) for s in understanding.articles) if a is not None]
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
