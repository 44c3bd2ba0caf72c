"""The one knowledge-base search: help centre, console reply box and assistant all call it.

    article_search(*, query, language, audience="public", limit=5) -> list[SearchHit]

Steps: analyse the query (jieba / stemming / synonyms, `text.py`), correct typos of short
Latin queries against the index vocabulary, ask the database index for BM25-ranked matches
(`search_index.py`), keep one hit per article, reader's language first.
"""

import json
import math
import threading
from dataclasses import dataclass

from walletdesk.core.clock import now
from walletdesk.kb import search_index, text
from walletdesk.kb.models import Language, Visibility
from walletdesk.kb.render import snippet
from walletdesk.kb.typos import Vocabulary

SHORT_QUERY_TERMS = 4  # typo correction applies to queries of at most this many words
COMMON_TERM_SHARE = 0.4  # words in more than this share of entries are dropped from a query
MAX_TERMS = 12  # the rarest words of a long query are enough to rank it
# Ranking cost grows with the index rows the query words match; words are taken rarest first
# until their matches pass this budget (the first word is always kept).
POSTINGS_BUDGET = 2000
AUDIENCES = {
    "public": (Visibility.PUBLIC,),
    "agent": (Visibility.PUBLIC, Visibility.INTERNAL),
}
INDEXED_LANGUAGES = (Language.ZH_HANS, Language.EN, Language.ZH_HANT)


@dataclass(frozen=True, slots=True)
class SearchHit:
    slug: str
    article_id: int
    language: str  # the language of title/summary below (zh-hant: converted from zh-hans)
    title: str
    summary: str
    score: float  # higher is better; comparable only within one result list
    category: str
    intents: tuple[str, ...]


def reader_languages(language: str) -> tuple[str, ...]:
    """Translations a reader can use, best first."""
    if language == Language.ZH_HANT:
        return (Language.ZH_HANT, Language.ZH_HANS)
    if language == Language.ZH_HANS:
        return (Language.ZH_HANS,)
    return (Language.EN,)


_vocab_lock = threading.Lock()
_vocab_cache: dict[str, object] = {}


def _vocabulary() -> Vocabulary:
    stamp = search_index.index_stamp()
    with _vocab_lock:
        if _vocab_cache.get("stamp") != stamp:
            rows = search_index.vocabulary_rows(language=Language.EN)
            _vocab_cache["vocab"] = Vocabulary(w for row in rows for w in row.split())
            _vocab_cache["stamp"] = stamp
        return _vocab_cache["vocab"]  # type: ignore[return-value]


def with_typo_corrections(terms: list[str]) -> list[str]:
    latin = [t for t in terms if text.is_latin(t)]
    if not latin or len(terms) > SHORT_QUERY_TERMS:
        return terms
    vocab = _vocabulary()
    extra = [fix for t in latin for fix in vocab.corrections(t)]
    return list(dict.fromkeys(terms + extra))


def _rank_articles(matches, preferred: tuple[str, ...]) -> list[search_index.Match]:
    """One match per article (its best-suited language); reader's languages first, by score."""
    best: dict[int, tuple[int, search_index.Match]] = {}
    for m in matches:
        tier = preferred.index(m.language) if m.language in preferred else len(preferred)
        held = best.get(m.article_id)
        if held is None or (tier, -m.score) < (held[0], -held[1].score):
            best[m.article_id] = (tier, m)
    ordered = sorted(best.values(), key=lambda tm: (tm[0] >= len(preferred), -tm[1].score))
    return [m for _, m in ordered]


def _hit(match: search_index.Match, row: tuple, reader: str) -> SearchHit:
    slug, category, intents, title, summary, body = row
    summary = summary or snippet(body)
    language = match.language
    if reader == Language.ZH_HANT and language == Language.ZH_HANS:
        title, summary, language = text.to_traditional(title), text.to_traditional(summary), reader
    return SearchHit(
        slug=slug,
        article_id=match.article_id,
        language=language,
        title=title,
        summary=summary,
        score=round(match.score, 4),
        category=category,
        intents=tuple(json.loads(intents) if isinstance(intents, str) else intents),
    )


def _within_budget(terms: list[str], dfs: dict[str, int]) -> list[str]:
    kept: list[str] = []
    postings = 0
    for term in terms:
        postings += dfs[term]
        if kept and postings > POSTINGS_BUDGET:
            break
        kept.append(term)
    return kept


def select_terms(terms: list[str]) -> tuple[list[str], dict[str, float]]:
    """Words that occur in the index, common ones dropped (unless nothing else is left),
    rarest first, with their BM25 idf."""
    total, dfs = search_index.term_counts(terms)
    present = sorted((t for t in terms if t in dfs), key=lambda t: dfs[t])
    kept = [t for t in present if dfs[t] <= COMMON_TERM_SHARE * total] or present[:2]
    kept = _within_budget(kept[:MAX_TERMS], dfs)
    idf = {t: math.log(1 + (total - dfs[t] + 0.5) / (dfs[t] + 0.5)) for t in kept}
    return kept, idf


def article_search(
    *, query: str, language: str, audience: str = "public", limit: int = 5
) -> list[SearchHit]:
    """Ranked articles answering `query` for a reader of `language` (zh-hans, zh-hant, en).

    audience "public" sees public articles, "agent" also internal ones; drafts, archived and
    not-yet-scheduled articles never show. Empty or stop-word-only queries return [].
    """
    terms = with_typo_corrections(text.query_terms(query[:500]))
    if not terms or limit <= 0:
        return []
    terms, idf = select_terms(terms)
    scope = search_index.Scope(
        languages=INDEXED_LANGUAGES, visibilities=AUDIENCES[audience], at=now()
    )
    matches = search_index.index_query(terms=terms, idf=idf, scope=scope, limit=limit * 8 + 20)
    ranked = _rank_articles(matches, reader_languages(language))[:limit]
    rows = search_index.entry_details([m.translation_id for m in ranked])
    return [_hit(m, rows[m.translation_id], language) for m in ranked if m.translation_id in rows]
