"""Views and "was this helpful?" votes are counted per article and reader language."""

from tests.kb.conftest import make_article
from walletdesk.kb import selectors, services


def test_votes_and_views_count_per_language(db):
    article = make_article("x", en=("Energy", "Energy text."))
    services.article_view_record(article=article, language="en")
    services.article_view_record(article=article, language="zh-hans")
    services.article_vote(article=article, language="en", helpful=True)
    services.article_vote(article=article, language="en", helpful=False)
    services.article_vote(article=article, language="en", helpful=True)
    stats = selectors.article_stats(article=article)
    assert stats["en"] == {"views": 1, "helpful": 2, "not_helpful": 1}
    assert stats["zh-hans"] == {"views": 1, "helpful": 0, "not_helpful": 0}
