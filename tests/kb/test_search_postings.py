"""PostgreSQL ranks from postings: one precomputed ts_rank per (word, translation).

The postings must equal what ts_rank gives on the translation's vector (so ranking is the
same as ranking at query time), follow every revision and go with their entry.
"""

from django.db import connection

from tests.kb.conftest import make_article
from walletdesk.kb import search_index, services
from walletdesk.kb.models import Article, ArticleTranslation


def _postings(translation_id: int) -> dict[str, float]:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT term, impact FROM kb_searchposting WHERE translation_id = %s",
            [translation_id],
        )
        return dict(cur.fetchall())


def _live_rank(translation_id: int, term: str) -> float:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT ts_rank(%s::real[], vector, %s::tsquery, 1)"
            " FROM kb_searchentry WHERE translation_id = %s",
            [search_index._PG_RANK_WEIGHTS, f"'{term}'", translation_id],
        )
        return cur.fetchone()[0]


def test_impacts_equal_ts_rank_on_the_vector(on_postgres, db):
    article = make_article(
        "energy",
        en=("TRON energy", "Energy pays for contract calls. Stake TRX for energy or burn TRX."),
        phrasings={"en": ["why was TRX burned"]},
    )
    tr = ArticleTranslation.objects.get(article=article, language="en")
    postings = _postings(tr.id)
    assert {"energi", "tron", "trx", "burn", "stake"} <= set(postings)
    for term in ("energi", "trx", "stake"):
        assert abs(postings[term] - _live_rank(tr.id, term)) < 1e-6
    assert postings["energi"] > postings["stake"]  # title and body beat body alone


def test_postings_follow_revisions_and_deletion(on_postgres, db):
    article = make_article("energy", en=("TRON energy", "Bandwidth and energy."))
    tr = ArticleTranslation.objects.get(article=article, language="en")
    draft = services.TranslationDraft(language="en", title="TRON energy", body="Energy only.")
    services.revision_create(article=article, draft=draft, author=None)
    assert "bandwidth" not in _postings(tr.id) and "energi" in _postings(tr.id)
    Article.objects.filter(id=article.id).delete()
    assert _postings(tr.id) == {}


def test_the_entry_count_follows_new_translations(db):
    assert search_index.term_counts(["energi"])[0] == 0
    make_article("a", en=("Energy", "Energy."), zh=("能量", "能量。"))
    make_article("b", en=("Energy", "More energy."))
    assert search_index.term_counts(["energi"]) == (3, {"energi": 2})


def test_postings_go_when_the_entries_are_truncated(on_postgres, db):
    """Django's flush (transactional tests, `walletdesk flush`) truncates the entries alone."""
    article = make_article("gas", en=("Gas fees", "Gas pays for transactions."))
    tr = ArticleTranslation.objects.get(article=article, language="en")
    assert _postings(tr.id)
    with connection.cursor() as cur:
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")  # settle the deferred key checks first
        cur.execute("TRUNCATE kb_searchentry")
    assert _postings(tr.id) == {}
