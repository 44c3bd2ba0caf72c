"""Which articles answer a message (pure). Three opinions, added up:
the article classifier's probability, the likely intents' articles (by probability, earlier
listed articles first) and the text search's scores (scaled to the best hit)."""

from collections import defaultdict
from collections.abc import Callable, Sequence

from walletdesk.assistant.intents import IntentScore

ARTICLE_WEIGHT = 1.0
INTENT_WEIGHT = 0.5
SEARCH_WEIGHT = 0.3
PLACE_DECAY = 0.25


def rank_articles(
    intents: Sequence[IntentScore],
    article_scores: Sequence[IntentScore],
    search_hits: Sequence[tuple[str, float]],
    articles_for_intent: Callable[[str], list[str]],
    *,
    limit: int = 3,
) -> list[str]:
    """Slugs, best first; only articles that one of the opinions names can appear."""
    scores: dict[str, float] = defaultdict(float)
    for scored in article_scores:
        scores[scored.intent] += ARTICLE_WEIGHT * scored.probability
    for scored in intents:
        for place, slug in enumerate(articles_for_intent(scored.intent)):
            scores[slug] += INTENT_WEIGHT * scored.probability / (1 + PLACE_DECAY * place)
    best = max((s for _, s in search_hits), default=0.0)
    for slug, score in search_hits:
        scores[slug] += SEARCH_WEIGHT * score / best
    return sorted(scores, key=lambda s: -scores[s])[:limit]
