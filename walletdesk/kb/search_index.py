"""The search index inside the database: FTS5 on SQLite; on PostgreSQL a weighted tsvector per
translation and, derived from it, one posting per (word, translation) holding that word's
precomputed `ts_rank` (its "impact"), B-tree indexed by word.

Rows are keyed by translation id. Text arrives pre-segmented (space-separated tokens from
`text.tokenize`), so neither backend's own parser touches Chinese. Fields are weighted:
title > phrasings > body.

Why postings on PostgreSQL: ranking at query time called ts_rank once per query word on every
matching row, and each call de-toasted the row's ~2 KB vector again: a word in half of 10,000
entries cost 100 ms. A word's ts_rank in a row depends only on that row, so it is computed once
when the row is written; a query then sums idf × impact over the postings of its words, read
from an index-only scan (the same scores as before, a few milliseconds).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db import connection

# SQL below is built from constants and placeholders only; every value goes as a parameter.
# ruff: noqa: S608

FTS_TABLE = "kb_search_fts"
POSTINGS_TABLE = "kb_searchposting"
ENTRIES_KEY = ""  # the SearchTerm row whose df is the number of indexed translations
WEIGHTS = {"title": 6.0, "phrasings": 4.0, "body": 1.0}
_PG_LABELS = {"title": "A", "phrasings": "B", "body": "D"}
# ts_rank weights in label order D, C, B, A, scaled from WEIGHTS.
_PG_RANK_WEIGHTS = "{{{:.3f},0.3,{:.3f},1.0}}".format(
    WEIGHTS["body"] / WEIGHTS["title"], WEIGHTS["phrasings"] / WEIGHTS["title"]
)
CREATE_FTS = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "title, phrasings, body, tokenize = 'unicode61 remove_diacritics 0')"
)


@dataclass(frozen=True, slots=True)
class Match:
    translation_id: int
    article_id: int
    language: str
    score: float


@dataclass(frozen=True, slots=True)
class Scope:
    languages: tuple[str, ...]
    visibilities: tuple[str, ...]
    at: datetime


def _is_pg() -> bool:
    return connection.vendor == "postgresql"


def tsvector_literal(fields: dict[str, str]) -> str:
    """'lexeme':1A,2A,9B ... built by hand: PostgreSQL's parser never sees the tokens."""
    positions: dict[str, list[str]] = defaultdict(list)
    pos = 0
    for name in ("title", "phrasings", "body"):
        for token in fields[name].split():
            pos = min(pos + 1, 16383)
            if len(positions[token]) < 64:
                positions[token].append(f"{pos}{_PG_LABELS[name]}")
        pos = min(pos + 10, 16383)
    return " ".join(f"'{lex}':{','.join(p)}" for lex, p in positions.items())


def index_write(*, translation_id: int, fields: dict[str, str]) -> None:
    with connection.cursor() as cur:
        if _is_pg():
            _pg_write(cur, translation_id, tsvector_literal(fields))
            return
        cur.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [translation_id])
        cur.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, title, phrasings, body) VALUES (%s, %s, %s, %s)",
            [translation_id, fields["title"], fields["phrasings"], fields["body"]],
        )


# One posting per lexeme of the vector: ts_rank of that lexeme alone, computed by PostgreSQL
# itself, so a query's Σ idf × impact equals the former Σ idf × ts_rank(vector, word).
PG_IMPACTS_SQL = (
    f"INSERT INTO {POSTINGS_TABLE} (translation_id, term, impact)"
    f" SELECT %s, u.lexeme, ts_rank('{_PG_RANK_WEIGHTS}', s.v, quote_literal(u.lexeme)::tsquery, 1)"
    " FROM (SELECT %s::tsvector AS v) s, unnest(s.v) u"
)


def _pg_write(cur, translation_id: int, vector: str) -> None:
    cur.execute(
        "UPDATE kb_searchentry SET vector = %s::tsvector WHERE translation_id = %s",
        [vector, translation_id],
    )
    cur.execute(f"DELETE FROM {POSTINGS_TABLE} WHERE translation_id = %s", [translation_id])
    cur.execute(PG_IMPACTS_SQL, [translation_id, vector])


def _scope_sql(scope: Scope) -> tuple[str, list]:
    langs = ",".join(["%s"] * len(scope.languages))
    vis = ",".join(["%s"] * len(scope.visibilities))
    sql = (
        f" AND e.language IN ({langs}) AND a.visibility IN ({vis})"
        " AND (a.publish_at IS NULL OR a.publish_at <= %s)"
    )
    return sql, [*scope.languages, *scope.visibilities, scope.at]


def index_query(
    *, terms: list[str], idf: dict[str, float], scope: Scope, limit: int
) -> list[Match]:
    """Best matches first; `score` is larger for better matches on both backends.

    SQLite's FTS5 computes BM25 itself; on PostgreSQL each word's precomputed ts_rank is
    weighted by the BM25 idf given (from the SearchTerm counts). Either way the index ranks
    alone (a join inside the ranking query cost more than the ranking), then the visibility
    and language filter runs on its top rows, asking for a deeper ranking when too few of
    them are visible.
    """
    if not terms:
        return []
    depth = limit
    with connection.cursor() as cur:
        while True:
            if _is_pg():
                ranked = _pg_ranked(cur, terms, idf, depth)
            else:
                ranked = _sqlite_ranked(cur, terms, depth)
            visible = _visible(cur, [r[0] for r in ranked], scope) if ranked else {}
            if len(visible) >= limit // 2 or len(ranked) < depth:
                break
            depth *= 8
    return [Match(i, *visible[i], float(score)) for i, score in ranked if i in visible][:limit]


def _sqlite_ranked(cur, terms: list[str], limit: int) -> list[tuple[int, float]]:
    """(translation id, score) best first; FTS5's bm25() is negative, smaller is better."""
    match = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
    weights = ", ".join(str(WEIGHTS[f]) for f in ("title", "phrasings", "body"))
    cur.execute(
        f"SELECT rowid, bm25({FTS_TABLE}, {weights}) AS r FROM {FTS_TABLE}"
        f" WHERE {FTS_TABLE} MATCH %s ORDER BY r LIMIT %s",
        [match, limit],
    )
    return [(rowid, -r) for rowid, r in cur.fetchall()]


def _pg_ranked(cur, terms: list[str], idf: dict[str, float], limit: int) -> list[tuple]:
    """Σ idf(word) × impact over the postings of the query words (index-only scans)."""
    values = ", ".join(["(%s, %s::float8)"] * len(terms))
    cur.execute(
        f"WITH q(term, idf) AS (VALUES {values})"
        f" SELECT p.translation_id, sum(q.idf * p.impact) AS score FROM {POSTINGS_TABLE} p"
        " JOIN q ON q.term = p.term GROUP BY p.translation_id"
        " ORDER BY score DESC, p.translation_id LIMIT %s",
        [v for t in terms for v in (t, idf[t])] + [limit],
    )
    return cur.fetchall()


def _visible(cur, ids: list[int], scope: Scope) -> dict[int, tuple[int, str]]:
    where, params = _scope_sql(scope)
    marks = ",".join(["%s"] * len(ids))
    cur.execute(
        "SELECT e.translation_id, e.article_id, e.language FROM kb_searchentry e"
        f" JOIN kb_article a ON a.id = e.article_id WHERE e.translation_id IN ({marks}){where}",
        [*ids, *params],
    )
    return {r[0]: (r[1], r[2]) for r in cur.fetchall()}


def term_counts_add(deltas: dict[str, int]) -> None:
    """Add to the document frequency of terms (one upsert per 500 terms, sorted: no deadlocks)."""
    items = sorted((t, d) for t, d in deltas.items() if d)
    with connection.cursor() as cur:
        for start in range(0, len(items), 500):
            chunk = items[start : start + 500]
            values = ", ".join(["(%s, %s)"] * len(chunk))
            cur.execute(
                f"INSERT INTO kb_searchterm (term, df) VALUES {values} ON CONFLICT (term)"
                " DO UPDATE SET df = kb_searchterm.df + excluded.df",
                [v for pair in chunk for v in pair],
            )


def term_counts(terms: list[str]) -> tuple[int, dict[str, int]]:
    """(indexed translations, document frequency of each term that occurs), in one query."""
    keys = [ENTRIES_KEY, *terms]
    marks = ",".join(["%s"] * len(keys))
    with connection.cursor() as cur:
        cur.execute(f"SELECT term, df FROM kb_searchterm WHERE term IN ({marks})", keys)
        dfs = {t: df for t, df in cur.fetchall() if df > 0}
    return dfs.pop(ENTRIES_KEY, 0), dfs


def entry_details(translation_ids: list[int]) -> dict[int, tuple]:
    """translation id -> (slug, category, intents json, title, summary, body); the body (its
    start, for a snippet) only when the summary is empty."""
    if not translation_ids:
        return {}
    marks = ",".join(["%s"] * len(translation_ids))
    with connection.cursor() as cur:
        cur.execute(
            "SELECT t.id, a.slug, a.category, a.intents, t.title, t.summary,"
            " CASE WHEN t.summary = '' THEN substr(t.body, 1, 2000) ELSE '' END"
            " FROM kb_articletranslation t JOIN kb_article a ON a.id = t.article_id"
            f" WHERE t.id IN ({marks})",
            translation_ids,
        )
        return {row[0]: row[1:] for row in cur.fetchall()}


def vocabulary_rows(*, language: str) -> list[str]:
    """Title and phrasing tokens of every entry in a language (for typo correction)."""
    with connection.cursor() as cur:
        cur.execute("SELECT title, phrasings FROM kb_searchentry WHERE language = %s", [language])
        return [f"{t} {p}" for t, p in cur.fetchall()]


def index_stamp() -> tuple:
    """Changes whenever the index does: (last update, entries); both read from indexes."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT (SELECT max(updated_at) FROM kb_searchentry),"
            " (SELECT df FROM kb_searchterm WHERE term = %s)",
            [ENTRIES_KEY],
        )
        return tuple(cur.fetchone())
