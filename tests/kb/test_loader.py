"""`walletdesk kb-load`: every starter article in both languages, idempotent, branded."""

from django.core.management import call_command

from walletdesk.core.taxonomy import taxonomy
from walletdesk.kb.models import Article, ArticleRevision, ArticleTranslation
from walletdesk.kb.services import kb_load


def test_loads_every_taxonomy_article_in_both_languages(loaded_kb):
    slugs = {a["slug"] for a in taxonomy()["articles"]}
    assert set(Article.objects.values_list("slug", flat=True)) == slugs
    assert ArticleTranslation.objects.count() == 2 * len(slugs)
    assert loaded_kb.created == len(slugs)
    assert not Article.objects.exclude(visibility="public").exists()


def test_every_article_has_three_phrasings_per_language(loaded_kb):
    for tr in ArticleTranslation.objects.all():
        assert len(tr.phrasings) >= 3, tr


def test_second_run_changes_nothing(loaded_kb):
    revisions = ArticleRevision.objects.count()
    again = kb_load()
    assert (again.created, again.revised) == (0, 0)
    assert ArticleRevision.objects.count() == revisions


def test_placeholders_come_from_settings(db, settings):
    settings.KB_BRAND = {**settings.KB_BRAND, "brand": "AcmeWallet"}
    call_command("kb_load")
    tr = ArticleTranslation.objects.get(article__slug="tron-out-of-energy", language="en")
    assert "AcmeWallet" in tr.body
    assert "{{" not in tr.body and "{{" not in tr.title


def test_related_articles_are_linked(loaded_kb):
    article = Article.objects.get(slug="tron-out-of-energy")
    assert "tron-energy-bandwidth" in set(article.related.values_list("slug", flat=True))
