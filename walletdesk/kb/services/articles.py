"""Writes to articles: creation, metadata, revisions (with restore), visibility, publishing."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction

from walletdesk.accounts.models import Agent
from walletdesk.core.clock import now
from walletdesk.core.errors import Conflict, InvalidInput, PermissionDenied
from walletdesk.core.taxonomy import intent_slugs
from walletdesk.kb.models import (
    Article,
    ArticleRevision,
    ArticleTranslation,
    Category,
    Language,
    Visibility,
)
from walletdesk.kb.permissions import can_edit
from walletdesk.kb.services._index import translation_reindex

EDITABLE_LANGUAGES = {Language.ZH_HANS, Language.EN, Language.ZH_HANT}


@dataclass(frozen=True)
class ArticleMeta:
    category: str = Category.OTHER
    intents: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TranslationDraft:
    language: str
    title: str
    body: str
    summary: str = ""
    phrasings: list[str] = field(default_factory=list)


def assert_editor(actor: Agent | None) -> None:
    """None is the system (the content loader); agents need the editor right."""
    if actor is not None and not can_edit(actor):
        raise PermissionDenied("Only editors can change knowledge-base articles.")


def _validate_meta(meta: ArticleMeta) -> None:
    if meta.category not in Category.values:
        raise InvalidInput(f"Unknown category '{meta.category}'.")
    unknown = sorted(set(meta.intents) - set(intent_slugs()))
    if unknown:
        raise InvalidInput(f"Unknown intents: {', '.join(unknown)}.")


@transaction.atomic
def article_create(*, slug: str, meta: ArticleMeta, actor: Agent | None) -> Article:
    assert_editor(actor)
    _validate_meta(meta)
    if Article.objects.filter(slug=slug).exists():
        raise Conflict(f"An article with the slug '{slug}' exists.")
    at = now()
    return Article.objects.create(
        slug=slug,
        category=meta.category,
        intents=list(meta.intents),
        tags=list(meta.tags),
        visibility=Visibility.DRAFT,
        created_at=at,
        updated_at=at,
    )


@transaction.atomic
def article_update_meta(*, article: Article, meta: ArticleMeta, actor: Agent | None) -> Article:
    assert_editor(actor)
    _validate_meta(meta)
    article.category, article.intents, article.tags = meta.category, meta.intents, meta.tags
    article.updated_at = now()
    article.save(update_fields=["category", "intents", "tags", "updated_at"])
    return article


@transaction.atomic
def article_set_related(*, article: Article, slugs: list[str], actor: Agent | None) -> None:
    assert_editor(actor)
    others = list(Article.objects.filter(slug__in=slugs).exclude(id=article.id))
    article.related.set(others)


def _snapshot_matches(translation: ArticleTranslation | None, draft: TranslationDraft) -> bool:
    if translation is None:
        return False
    return (translation.title, translation.summary, translation.body, translation.phrasings) == (
        draft.title,
        draft.summary,
        draft.body,
        list(draft.phrasings),
    )


@transaction.atomic
def revision_create(
    *,
    article: Article,
    draft: TranslationDraft,
    author: Agent | None,
    note: str = "",
    expected_revision: int | None = None,
) -> ArticleRevision | None:
    """Save a new revision of one translation; None when nothing changed.

    `expected_revision` (the number the editor started from, 0 for a new translation) makes
    a save that someone else's save overtook fail with Conflict instead of overwriting it.
    """
    assert_editor(author)
    if draft.language not in EDITABLE_LANGUAGES:
        raise InvalidInput(f"Unsupported language '{draft.language}'.")
    if not draft.title.strip() or not draft.body.strip():
        raise InvalidInput("A translation needs a title and a body.")
    _guard_check(draft)
    translation = (
        ArticleTranslation.objects.select_for_update()
        .filter(article=article, language=draft.language)
        .first()
    )
    current = translation.revision if translation else 0
    if expected_revision is not None and expected_revision != current:
        raise Conflict(
            f"This translation was saved as revision {current} after you opened revision "
            f"{expected_revision}; compare them in the history before saving again.",
            code="revision_conflict",
        )
    if _snapshot_matches(translation, draft):
        return None
    at = now()
    number = translation.revision + 1 if translation else 1
    revision = ArticleRevision.objects.create(
        article=article,
        language=draft.language,
        number=number,
        title=draft.title,
        summary=draft.summary,
        body=draft.body,
        phrasings=list(draft.phrasings),
        author=author,
        note=note[:200],
        created_at=at,
    )
    translation, _ = ArticleTranslation.objects.update_or_create(
        article=article,
        language=draft.language,
        defaults={
            "title": draft.title,
            "summary": draft.summary,
            "body": draft.body,
            "phrasings": list(draft.phrasings),
            "revision": number,
            "updated_at": at,
        },
    )
    translation_reindex(translation=translation)
    Article.objects.filter(id=article.id).update(updated_at=at)
    return revision


@transaction.atomic
def revision_restore(*, revision: ArticleRevision, author: Agent | None) -> ArticleRevision | None:
    """Copy an old revision forward as the newest one (history is never rewritten)."""
    draft = TranslationDraft(
        language=revision.language,
        title=revision.title,
        body=revision.body,
        summary=revision.summary,
        phrasings=list(revision.phrasings),
    )
    return revision_create(
        article=revision.article, draft=draft, author=author, note=f"restored #{revision.number}"
    )


@transaction.atomic
def article_set_visibility(
    *, article: Article, visibility: str, actor: Agent | None, publish_at: datetime | None = None
) -> Article:
    """Publish (public or internal, optionally from a future time), draft or archive."""
    assert_editor(actor)
    if visibility not in Visibility.values:
        raise InvalidInput(f"Unknown visibility '{visibility}'.")
    live = visibility in (Visibility.PUBLIC, Visibility.INTERNAL)
    if live and not article.translations.exists():
        raise InvalidInput("An article needs at least one translation before it is published.")
    article.visibility = visibility
    article.publish_at = (publish_at or now()) if live else None
    article.updated_at = now()
    article.save(update_fields=["visibility", "publish_at", "updated_at"])
    return article


def article_publish(
    *, article: Article, actor: Agent | None, at: datetime | None = None
) -> Article:
    return article_set_visibility(
        article=article, visibility=Visibility.PUBLIC, actor=actor, publish_at=at
    )


def _guard_check(draft: TranslationDraft) -> None:
    """An article may not ask for a recovery phrase or key, hold one, or link to a phishing or
    look-alike domain (the guard's check for agents' replies)."""
    from walletdesk.guard.selectors import reply_problems

    text = "\n".join([draft.title, draft.summary, draft.body, *draft.phrasings])
    problems = reply_problems(text, draft.language)
    if problems:
        raise InvalidInput(" ".join(p.message for p in problems), code="article_blocked")
