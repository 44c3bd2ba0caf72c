"""Reader feedback: views and "was this helpful?" votes, per article and reader language."""

from django.db import transaction
from django.db.models import F

from walletdesk.kb.models import Article, ArticleStat, Language


def _bump(article: Article, language: str, field: str) -> None:
    if language not in Language.values:
        language = Language.EN
    with transaction.atomic():
        stat, _ = ArticleStat.objects.get_or_create(article=article, language=language)
        ArticleStat.objects.filter(id=stat.id).update(**{field: F(field) + 1})


def article_view_record(*, article: Article, language: str) -> None:
    _bump(article, language, "views")


def article_vote(*, article: Article, language: str, helpful: bool) -> None:
    _bump(article, language, "helpful" if helpful else "not_helpful")
