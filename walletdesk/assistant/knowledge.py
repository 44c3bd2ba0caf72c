"""The assistant's sources outside itself, each behind one small function: the knowledge
base's search (falling back to the assistant's own file index) and the chain diagnosis."""

from collections.abc import Callable

from django.conf import settings

from walletdesk.assistant.engine import library
from walletdesk.assistant.language import localize

Search = Callable[[str, str], list[tuple[str, float]]]
Diagnose = Callable[[str, str], list[str]]  # (text, language) -> sentences
MAX_LOOKUPS = 2


def placeholder_values() -> dict[str, str]:
    brand = {key: str(value) for key, value in settings.KB_BRAND.items()}
    return {**brand, "portal_url": str(settings.WALLETDESK["PORTAL_URL"])}


def article_url(slug: str) -> str:
    path = str(settings.ASSISTANT["ARTICLE_PATH"]).format(slug=slug)
    return str(settings.WALLETDESK["PORTAL_URL"]) + path


def kb_search(text: str, language: str) -> list[tuple[str, float]]:
    """The knowledge base's published-article search; the file index when it finds nothing
    (articles not imported yet) or is absent."""
    known = set(library().slugs)
    try:
        from walletdesk.kb.selectors import article_search
    except ImportError:  # the knowledge-base app is optional for the assistant
        hits = []
    else:
        hits = [
            (h.slug, h.score)
            for h in article_search(query=text, language=language, limit=5)
            if h.slug in known
        ]
    return hits or library().search(text, limit=5)


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
