"""Knowledge-base search latency: `kb.selectors.article_search` over a large article set.

Builds N articles (default 5,000, each in zh-hans and en) as variants of the 40 starter
articles through the real services (so the FTS5 / tsvector index is written the production
way), then times article_search for the starter phrasings, short and typo'd queries.

    .venv/bin/python bench/kb_search.py --db sqlite [--articles 5000] [--queries 1000]
    .venv/bin/python bench/kb_search.py --db postgres   # BENCH_DATABASE_URL overrides
"""

import argparse
import json
import logging
import os
import random
import sys
import time
from pathlib import Path

from _common import ROOT, percentiles, rss_mb, use_database

SQLITE_PATH = Path("/tmp/walletdesk_kb_bench.sqlite3")
PG_URL = "postgres://postgres@127.0.0.1:5432/walletdesk_kb_bench"
CONTEXT = {
    "en": ["on Android", "on iOS", "for beginners", "FAQ", "in version 5", "on TRON",
           "on Ethereum", "on BNB Smart Chain", "on Polygon", "for Bitcoin", "advanced"],
    "zh-hans": ["安卓版", "苹果版", "新手指南", "常见问题", "5.0 版本", "波场", "以太坊",
                "币安智能链", "Polygon", "比特币", "进阶"],
}  # fmt: skip
SHORT = [
    "energy", "enrgy", "gas fee", "seed phrase", "mnemonic", "walletconect", "stake",
    "助记词", "能量", "带宽", "质押", "闪兑", "跨链桥", "多签", "授权", "USDT TRC20",
]  # fmt: skip


def database_url(kind: str, reuse: bool) -> str:
    if kind == "sqlite" and not reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
    if kind == "sqlite":
        return f"sqlite:///{SQLITE_PATH}"
    return os.environ.get("BENCH_DATABASE_URL", PG_URL)


def variant(source, n: int, rng: random.Random, pool: list[str]):
    from walletdesk.kb.services import TranslationDraft

    paragraphs = [p for p in source.body.split("\n\n") if p.strip()]
    rng.shuffle(paragraphs)
    paragraphs.append(rng.choice(pool))  # a paragraph borrowed from another article
    return TranslationDraft(
        language=source.language,
        title=f"{source.title} ({rng.choice(CONTEXT[source.language])} #{n})",
        summary=source.summary,
        body="\n\n".join(paragraphs),
        phrasings=rng.sample(source.phrasings, k=min(3, len(source.phrasings))),
    )


def _add(source, n: int, rng: random.Random, pool: list[str]) -> None:
    from walletdesk.kb import services
    from walletdesk.kb.models import Visibility

    meta = services.ArticleMeta(category=source.category, intents=source.intents)
    article = services.article_create(slug=f"{source.slug}-v{n}", meta=meta, actor=None)
    for tr in source.translations:
        services.revision_create(article=article, draft=variant(tr, n, rng, pool), author=None)
    services.article_set_visibility(article=article, visibility=Visibility.PUBLIC, actor=None)


def build(articles: int, rng: random.Random) -> float:
    from django.db import transaction

    from walletdesk.kb import content, services

    sources = content.read_all()
    pool = [p for s in sources for t in s.translations for p in t.body.split("\n\n") if p.strip()]
    started = time.perf_counter()
    services.kb_load()
    extra = articles - len(sources)
    for batch in range(0, extra, 200):  # one commit per 200 articles, as an import would do
        with transaction.atomic():
            for n in range(batch, min(batch + 200, extra)):
                _add(sources[n % len(sources)], n, rng, pool)
        print(f"  built {batch + 200 + len(sources)}/{articles}", end="\r", flush=True)
    return time.perf_counter() - started


def copy_from_sqlite() -> float:
    """The articles, translations and tokens of the last SQLite run, copied row by row into
    this database; each tsvector is then written by `search_index.index_write` (the production
    index write, without segmenting the same text with jieba again)."""
    import sqlite3
    from datetime import UTC, datetime

    from django.db import transaction

    from walletdesk.kb import search_index
    from walletdesk.kb.models import Article, ArticleTranslation, SearchEntry, SearchTerm

    def rows(sql: str) -> list[sqlite3.Row]:
        src = sqlite3.connect(SQLITE_PATH)
        src.row_factory = sqlite3.Row
        return src.execute(sql).fetchall()

    def when(value: str | None):
        return datetime.fromisoformat(value).replace(tzinfo=UTC) if value else None

    started = time.perf_counter()
    with transaction.atomic():
        Article.objects.bulk_create(
            Article(
                **dict(r)
                | {k: json.loads(r[k]) for k in ("intents", "tags")}
                | {k: when(r[k]) for k in ("publish_at", "created_at", "updated_at")}
            )
            for r in rows("SELECT * FROM kb_article")
        )
        ArticleTranslation.objects.bulk_create(
            ArticleTranslation(**{**dict(r), "phrasings": json.loads(r["phrasings"]),
                                  "updated_at": when(r["updated_at"])})
            for r in rows("SELECT * FROM kb_articletranslation")
        )  # fmt: skip
        entries = [
            SearchEntry(**{**dict(r), "updated_at": when(r["updated_at"])})
            for r in rows("SELECT * FROM kb_searchentry")
        ]
        SearchEntry.objects.bulk_create(entries, batch_size=500)
        SearchTerm.objects.all().delete()  # the migrations' own count of entries
        SearchTerm.objects.bulk_create(
            (SearchTerm(term=r["term"], df=r["df"]) for r in rows("SELECT * FROM kb_searchterm")),
            batch_size=2000,
        )
        for e in entries:
            fields = {"title": e.title, "phrasings": e.phrasings, "body": e.body}
            search_index.index_write(translation_id=e.translation_id, fields=fields)
    return time.perf_counter() - started


def queries(count: int, rng: random.Random) -> list[tuple[str, str]]:
    from walletdesk.kb import content

    pairs = [
        (p, t.language) for s in content.read_all() for t in s.translations for p in t.phrasings
    ]
    pairs += [(q, "zh-hans" if any("\u4e00" <= c <= "\u9fff" for c in q) else "en") for q in SHORT]
    return [rng.choice(pairs) for _ in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--reuse", action="store_true", help="search the database left last time")
    parser.add_argument(
        "--copy-from-sqlite",
        action="store_true",
        help="postgres: copy the articles and tokens of the last SQLite run instead of building",
    )
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    sys.path.insert(0, str(ROOT))
    url = use_database(database_url(args.db, args.reuse), fresh=not args.reuse)
    from django.db import connection

    from walletdesk.kb.selectors import article_search

    rng = random.Random(5)
    if args.copy_from_sqlite:
        seconds = copy_from_sqlite()
        print(f"{connection.vendor}: copied from {SQLITE_PATH} in {seconds:.0f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:  # fresh statistics, as autovacuum would give
            cur.execute("VACUUM ANALYZE")
    elif not args.reuse:
        seconds = build(args.articles, rng)
        print(f"{connection.vendor}: {args.articles} articles x 2 languages in {seconds:.0f} s")
    from walletdesk.kb.models import Article

    print(f"{connection.vendor}: searching {Article.objects.count()} articles")
    work = queries(args.queries, rng)
    for q, lang in work[:20]:  # warm-up: jieba, OpenCC, caches
        article_search(query=q, language=lang)
    timings, empty = [], 0
    for q, lang in work:
        t0 = time.perf_counter()
        hits = article_search(query=q, language=lang, limit=5)
        timings.append((time.perf_counter() - t0) * 1000)
        empty += not hits
    total = sum(timings) / 1000
    print(
        f"article_search, {len(work)} queries ({url.split('://')[0]}): "
        f"{len(work) / total:,.0f} queries/s; {percentiles(timings)}; "
        f"{empty} without hits; rss {rss_mb():.0f} MB"
    )


if __name__ == "__main__":
    main()
