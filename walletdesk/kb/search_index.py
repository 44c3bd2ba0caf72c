"""The search index inside the database: FTS5 on SQLite, a weighted tsvector + GIN on PostgreSQL.

Rows are keyed by translation id. Text arrives pre-segmented (space-separated tokens from
`text.tokenize`), so neither backend's own parser touches Chinese. Fields are weighted:
title > phrasings > body.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db import connection

# SQL below is built from constants and placeholders only; every value goes as a parameter.
# ruff: noqa: S608

FTS_TABLE = "kb_search_fts"
PG_RANK_PER_WORD = True  # PostgreSQL: weight each word by its idf (see _pg_rank_sql)
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
            cur.execute(
                "UPDATE kb_searchentry SET vector = %s::tsvector WHERE translation_id = %s",
                [tsvector_literal(fields), translation_id],
            )
            return
        cur.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [translation_id])
        cur.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, title, phrasings, body) VALUES (%s, %s, %s, %s)",
            [translation_id, fields["title"], fields["phrasings"], fields["body"]],
        )


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

    SQLite's FTS5 computes BM25 itself; on PostgreSQL each term's ts_rank is weighted by the
    BM25 idf given (from the SearchTerm counts).
    """
    if not terms:
        return []
    if _is_pg():
        return _pg_query(terms, idf, scope, limit)
    return _sqlite_query(terms, scope, limit)


def _sqlite_ranked(cur, match: str, limit: int) -> list[tuple[int, float]]:
    weights = ", ".join(str(WEIGHTS[f]) for f in ("title", "phrasings", "body"))
    cur.execute(
        f"SELECT rowid, bm25({FTS_TABLE}, {weights}) AS r FROM {FTS_TABLE}"
        f" WHERE {FTS_TABLE} MATCH %s ORDER BY r LIMIT %s",
        [match, limit],
    )
    return cur.fetchall()


def _sqlite_visible(cur, ids: list[int], scope: Scope) -> dict[int, tuple[int, str]]:
    where, params = _scope_sql(scope)
    marks = ",".join(["%s"] * len(ids))
    cur.execute(
        "SELECT e.translation_id, e.article_id, e.language FROM kb_searchentry e"
        f" JOIN kb_article a ON a.id = e.article_id WHERE e.translation_id IN ({marks}){where}",
        [*ids, *params],
    )
    return {r[0]: (r[1], r[2]) for r in cur.fetchall()}


def _sqlite_query(terms: list[str], scope: Scope, limit: int) -> list[Match]:
    """FTS5 ranks alone (joins inside an FTS5 query cost more than the ranking), then the
    visible rows are kept; when too few survive, a deeper ranking is asked for."""
    match = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
    depth = limit
    with connection.cursor() as cur:
        while True:
            ranked = _sqlite_ranked(cur, match, depth)
            visible = _sqlite_visible(cur, [r[0] for r in ranked], scope) if ranked else {}
            if len(visible) >= limit // 2 or len(ranked) < depth:
                break
            depth *= 8
    return [Match(i, *visible[i], -score) for i, score in ranked if i in visible][:limit]


def _pg_tsquery(terms: list[str]) -> str:
    return " | ".join(f"'{t}'" for t in terms)


def _pg_rank_sql(terms: list[str], idf: dict[str, float]) -> tuple[str, list[str]]:
    """Σ idf × ts_rank per word, or one ts_rank over all words (each ts_rank call de-toasts
    the vector again, so the sum costs a call per word)."""
    if not PG_RANK_PER_WORD:
        return f"ts_rank('{_PG_RANK_WEIGHTS}', e.vector, %s::tsquery, 1)", [_pg_tsquery(terms)]
    rank = " + ".join(
        f"{idf[t]:.4f} * ts_rank('{_PG_RANK_WEIGHTS}', e.vector, %s::tsquery, 1)" for t in terms
    )
    return rank, [f"'{t}'" for t in terms]


def _pg_query(terms: list[str], idf: dict[str, float], scope: Scope, limit: int) -> list[Match]:
    where, params = _scope_sql(scope)
    rank, rank_params = _pg_rank_sql(terms, idf)
    sql = (
        f"SELECT e.translation_id, e.article_id, e.language, {rank} AS score"
        " FROM kb_searchentry e JOIN kb_article a ON a.id = e.article_id"
        f" WHERE e.vector @@ %s::tsquery{where} ORDER BY score DESC LIMIT %s"
    )
    with connection.cursor() as cur:
        cur.execute(sql, [*rank_params, _pg_tsquery(terms), *params, limit])
        return [Match(r[0], r[1], r[2], float(r[3])) for r in cur.fetchall()]


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
    """(indexed translations, document frequency of each term that occurs)."""
    marks = ",".join(["%s"] * len(terms))
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM kb_searchentry")
        total = cur.fetchone()[0]
        cur.execute(f"SELECT term, df FROM kb_searchterm WHERE term IN ({marks})", terms)
        return total, {t: df for t, df in cur.fetchall() if df > 0}


def entry_details(translation_ids: list[int]) -> dict[int, tuple]:
    """translation id -> (slug, category, intents json, title, summary, body)."""
    if not translation_ids:
        return {}
    marks = ",".join(["%s"] * len(translation_ids))
    with connection.cursor() as cur:
        cur.execute(
            "SELECT t.id, a.slug, a.category, a.intents, t.title, t.summary, t.body"
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
    """Changes whenever the index does: (row count, last update)."""
    with connection.cursor() as cur:
        cur.execute("SELECT count(*), max(updated_at) FROM kb_searchentry")
        return tuple(cur.fetchone())
