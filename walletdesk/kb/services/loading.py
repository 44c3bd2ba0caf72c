"""`walletdesk kb-load`: the starter content into the database, idempotently.

Placeholders are filled from settings on the way in; an article whose text is unchanged gets
no new revision, and one an editor has archived or drafted keeps that visibility.
"""

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from walletdesk.kb import content
from walletdesk.kb.models import Article, Visibility
from walletdesk.kb.render import fill_placeholders
from walletdesk.kb.services._index import placeholder_values
from walletdesk.kb.services.articles import (
    ArticleMeta,
    TranslationDraft,
    article_create,
    article_publish,
    article_set_related,
    article_update_meta,
    revision_create,
)


@dataclass
class LoadResult:
    created: int = 0
    revised: int = 0
    unchanged: int = 0


def _draft(source: content.SourceTranslation, values: dict[str, str]) -> TranslationDraft:
    def fill(text: str) -> str:
        return fill_placeholders(text, values)

    return TranslationDraft(
        language=source.language,
        title=fill(source.title),
        summary=fill(source.summary),
        body=fill(source.body),
        phrasings=[fill(p) for p in source.phrasings],
    )


def _load_one(source: content.SourceArticle, values: dict[str, str], result: LoadResult) -> None:
    meta = ArticleMeta(category=source.category, intents=source.intents, tags=source.tags)
    found = Article.objects.filter(slug=source.slug).first()
    created = found is None
    if found is None:
        article = article_create(slug=source.slug, meta=meta, actor=None)
    else:
        article = found
        article_update_meta(article=article, meta=meta, actor=None)
    changed = False
    for tr in source.translations:
        draft = _draft(tr, values)
        revision = revision_create(article=article, draft=draft, author=None, note="starter")
        changed |= revision is not None
    if created:
        article_publish(article=article, actor=None)
        result.created += 1
    elif changed:
        result.revised += 1
    else:
        result.unchanged += 1


@transaction.atomic
def kb_load(*, root: Path | None = None) -> LoadResult:
    sources = content.read_all(root or content.CONTENT_DIR)
    values = placeholder_values()
    result = LoadResult()
    for source in sources:
        _load_one(source, values, result)
    for source in sources:  # related articles once every slug exists
        article = Article.objects.get(slug=source.slug)
        if article.visibility != Visibility.ARCHIVED:
            article_set_related(article=article, slugs=source.related, actor=None)
    return result
