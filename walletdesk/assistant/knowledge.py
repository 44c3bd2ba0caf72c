"""The assistant's sources outside itself, each behind one small function: the knowledge
base's search (falling back to the assistant's own file index) and the chain diagnosis."""

from collections.abc import Callable

from django.conf import settings

from walletdesk.assistant.engine import library
from walletdesk.assistant.language import ZH_HANS, ZH_HANT, localize, to_simplified
from walletdesk.assistant.library import ArticleText, article_from_markdown
from walletdesk.assistant.retrieval import Hit

Search = Callable[[str, str], list[Hit]]
Diagnose = Callable[[str, str], list[str]]  # (text, language) -> sentences
MAX_LOOKUPS = 2
FALLBACK = ("en", "zh-hans", "zh-hant")  # translations to answer from when the reader's is missing


def placeholder_values() -> dict[str, str]:
    brand = {key: str(value) for key, value in settings.KB_BRAND.items()}
    return {**brand, "portal_url": str(settings.WALLETDESK["PORTAL_URL"])}


def article_url(slug: str) -> str:
    path = str(settings.ASSISTANT["ARTICLE_PATH"]).format(slug=slug)
    return str(settings.WALLETDESK["PORTAL_URL"]) + path


def kb_search(text: str, language: str) -> list[Hit]:
    """The knowledge base's published-article search (articles written in the console
    included); the file index when it finds nothing (articles not imported yet) or is absent."""
    try:
        from walletdesk.kb.selectors import article_search
    except ImportError:  # the knowledge-base app is optional for the assistant
        hits = []
    else:
        found = article_search(query=text, language=language, limit=5)
        hits = [Hit(h.slug, h.score, h.intents) for h in found]
    return hits or library().search(text, limit=5)


def article_texts(slugs: list[str], language: str) -> list[ArticleText]:
    """The articles to answer from, in `slugs` order, in the reader's language or the closest:
    the knowledge base's published text (seeded or written in the console), else the content
    files (knowledge base not imported). Slugs found in neither are left out."""
    base = "zh-hans" if language.startswith("zh") else "en"
    stored = _published(slugs, base)
    found = [stored.get(slug) or library().get(slug, base) for slug in slugs]
    return [a for a in found if a is not None]


def _published(slugs: list[str], base: str) -> dict[str, ArticleText]:
    try:
        from walletdesk.kb.selectors import articles_visible
    except ImportError:
        return {}
    texts = {}
    for article in articles_visible().filter(slug__in=slugs).prefetch_related("translations"):
        by_language = {t.language: t for t in article.translations.all()}
        pick = next((by_language[x] for x in (base, *FALLBACK) if x in by_language), None)
        if pick is None:
            continue
        # Answers are composed in Simplified and put into the reader's script afterwards.
        simple = to_simplified if pick.language == ZH_HANT else str
        texts[article.slug] = article_from_markdown(
            slug=article.slug,
            language=ZH_HANS if pick.language == ZH_HANT else pick.language,
            title=simple(pick.title),
            summary=simple(pick.summary),
            body=simple(pick.body),
            phrasings=pick.phrasings,
            intents=article.intents,
            tags=article.tags,
            category=article.category,
        )
    return texts


def no_diagnosis(text: str, language: str) -> list[str]:
    return []


def diagnosis_facts(text: str, language: str) -> list[str]:
    """What the chain diagnosis says about the transactions quoted in the text, in the
    customer's language (network look-ups: call outside database transactions). Look-ups
    that could not be made (no node configured, node down) add nothing."""
    from walletdesk.chain.diagnosis import Expectations, Verdict, customer_text, network_hint
    from walletdesk.chain.references import lookup_targets, quoted_addresses
    from walletdesk.chain.runner import diagnose_reference

    hint = network_hint(text)
    expectations = Expectations(addresses=quoted_addresses(text), network_hint=hint)
    facts = []
    for ref in [r for r in lookup_targets(text) if r.kind == "tx"][:MAX_LOOKUPS]:
        diagnosis = diagnose_reference(ref, hint=hint, expectations=expectations)
        if diagnosis.verdict != Verdict.UNAVAILABLE:
            facts.append(localize(customer_text(diagnosis, language), language))
    return facts
