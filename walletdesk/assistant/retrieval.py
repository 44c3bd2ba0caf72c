"""Which articles answer a message (pure). Three opinions, added up:
the article classifier's probability, the likely intents' articles (by probability, earlier
listed articles first) and the text search's scores (scaled to the best hit).

An article the classifier was not trained on (written in the knowledge-base editor after the
engines were trained) gets the same three opinions as far as they exist: the search's scaled
score stands in for the classifier's, and the intents the article lists (from the search hit)
place it after the seeded articles of those intents."""

from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from typing import NamedTuple

from walletdesk.assistant.intents import IntentScore

ARTICLE_WEIGHT = 1.0
INTENT_WEIGHT = 0.5
SEARCH_WEIGHT = 0.3
PLACE_DECAY = 0.25


class Hit(NamedTuple):
    """A search result; `intents` are the article's when the search knows them."""

    slug: str
    score: float
    intents: tuple[str, ...] = ()


def rank_articles(
    intents: Sequence[IntentScore],
    article_scores: Sequence[IntentScore],
    search_hits: Sequence[Hit],
    articles_for_intent: Callable[[str], list[str]],
    *,
    limit: int = 3,
    classified: Collection[str] | None = None,
) -> list[str]:
    """Slugs, best first; only articles that one of the opinions names can appear.
    `classified`: the articles the classifier knows (None: all of them)."""
    scores: dict[str, float] = defaultdict(float)
    for scored in article_scores:
        scores[scored.intent] += ARTICLE_WEIGHT * scored.probability
    for scored in intents:
        for place, slug in enumerate(articles_for_intent(scored.intent)):
            scores[slug] += _intent_share(scored.probability, place)
    best = max((hit.score for hit in search_hits), default=0.0)
    for hit in search_hits:
        unknown = classified is not None and hit.slug not in classified
        scores[hit.slug] += (SEARCH_WEIGHT + ARTICLE_WEIGHT * unknown) * hit.score / best
        if unknown:
            for scored in intents:
                if scored.intent in hit.intents:
                    place = len(articles_for_intent(scored.intent))
                    scores[hit.slug] += _intent_share(scored.probability, place)
    return sorted(scores, key=lambda s: -scores[s])[:limit]


def _intent_share(probability: float, place: int) -> float:
    return INTENT_WEIGHT * probability / (1 + PLACE_DECAY * place)
