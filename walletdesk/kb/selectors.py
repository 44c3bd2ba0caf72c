"""Every read of the knowledge base: search, reading an article, history, cases, statistics.

`article_search` (see search.py) is the one search used by the help centre, the console and
the assistant; its signature is part of the documented contract (docs/architecture.md).
"""

import difflib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Q, QuerySet

from walletdesk.core.clock import now
from walletdesk.core.errors import NotFound
from walletdesk.kb import text
from walletdesk.kb.models import (
    Article,
    ArticleImage,
    ArticleRevision,
    ArticleStat,
    ArticleTranslation,
    Language,
    PublishedCase,
    Visibility,
)
from walletdesk.kb.render import fill_placeholders, markdown_to_html
from walletdesk.kb.search import AUDIENCES, SearchHit, article_search, reader_languages

__all__ = [
    "SearchHit",
    "article_images",
    "article_read",
    "article_search",
    "article_stats",
    "articles_for_editor",
    "articles_visible",
    "case_get",
    "cases_drafted",
    "cases_published",
    "image_for_reader",
    "revision_compare",
    "revision_list",
    "translation_outdated",
    "translation_states",
]
OUTDATED_GRACE = timedelta(minutes=1)


@dataclass(frozen=True)
class ArticleView:
    article: Article
    language: str  # what the reader gets (zh-hant may be converted from zh-hans)
    source_language: str  # the stored translation it came from
    title: str
    summary: str
    html: str
    outdated: bool  # another translation was edited after this one
    related: list[tuple[str, str]]  # (slug, title) in the same language


def articles_visible(*, audience: str = "public") -> QuerySet[Article]:
    """Articles a reader may open: live visibility and a publish time already passed."""
    return Article.objects.filter(visibility__in=AUDIENCES[audience]).filter(
        Q(publish_at__isnull=True) | Q(publish_at__lte=now())
    )


def _pick(translations: list[ArticleTranslation], language: str) -> ArticleTranslation | None:
    by_lang = {t.language: t for t in translations}
    for lang in (*reader_languages(language), Language.EN, Language.ZH_HANS):
        if lang in by_lang:
            return by_lang[lang]
    return None


def translation_outdated(translation: ArticleTranslation, others: list[ArticleTranslation]) -> bool:
    """True when another language of the article was edited after this one."""
    newest = max((t.updated_at for t in others if t.language != translation.language), default=None)
    return newest is not None and newest - translation.updated_at > OUTDATED_GRACE


def _placeholders() -> dict[str, str]:
    brand: dict[str, str] = settings.KB_BRAND
    return {**brand, "portal_url": str(settings.WALLETDESK["PORTAL_URL"])}


def _reader_text(tr: ArticleTranslation, language: str) -> tuple[str, str, str, str]:
    values = _placeholders()
    title, summary = fill_placeholders(tr.title, values), fill_placeholders(tr.summary, values)
    body = fill_placeholders(tr.body, values)
    if language == Language.ZH_HANT and tr.language == Language.ZH_HANS:
        title, summary, body = (text.to_traditional(v) for v in (title, summary, body))
        return title, summary, body, Language.ZH_HANT
    return title, summary, body, tr.language


def article_read(*, slug: str, language: str, audience: str = "public") -> ArticleView:
    """An article for a reader, in their language or the closest one; 404 if not visible."""
    article = articles_visible(audience=audience).filter(slug=slug).first()
    if article is None:
        raise NotFound("No such article.")
    translations = list(article.translations.all())
    tr = _pick(translations, language)
    if tr is None:
        raise NotFound("No such article.")
    title, summary, body, served = _reader_text(tr, language)
    related = [
        (other.slug, t.title)
        for other in articles_visible(audience=audience)
        .filter(id__in=article.related.values("id"))
        .prefetch_related("translations")
        if (t := _pick(list(other.translations.all()), language)) is not None
    ]
    return ArticleView(
        article=article,
        language=served,
        source_language=tr.language,
        title=title,
        summary=summary,
        html=markdown_to_html(body),
        outdated=translation_outdated(tr, translations),
        related=related,
    )


def article_get_for_editor(*, slug: str) -> Article:
    article = Article.objects.prefetch_related("translations").filter(slug=slug).first()
    if article is None:
        raise NotFound("No such article.")
    return article


def revision_list(*, article: Article, language: str) -> QuerySet[ArticleRevision]:
    return (
        ArticleRevision.objects.filter(article=article, language=language)
        .select_related("author")
        .order_by("-number")
    )


def revision_get(*, article: Article, language: str, number: int) -> ArticleRevision:
    revision = revision_list(article=article, language=language).filter(number=number).first()
    if revision is None:
        raise NotFound("No such revision.")
    return revision


def _revision_text(rev: ArticleRevision) -> list[str]:
    lines = [f"# {rev.title}", "", rev.summary, ""]
    lines += [f"- {p}" for p in rev.phrasings] + [""]
    return lines + rev.body.splitlines()


def revision_compare(*, old: ArticleRevision, new: ArticleRevision) -> str:
    """A unified diff of two revisions (title, summary, phrasings and body)."""
    return "\n".join(
        difflib.unified_diff(
            _revision_text(old),
            _revision_text(new),
            fromfile=f"#{old.number}",
            tofile=f"#{new.number}",
            lineterm="",
        )
    )


def article_stats(*, article: Article) -> dict[str, dict[str, int]]:
    return {
        s.language: {"views": s.views, "helpful": s.helpful, "not_helpful": s.not_helpful}
        for s in ArticleStat.objects.filter(article=article)
    }


def cases_published(*, language: str | None = None, limit: int = 20) -> list[PublishedCase]:
    """Resolved cases for the help centre, newest first."""
    qs = PublishedCase.objects.filter(status=PublishedCase.Status.PUBLISHED)
    if language:
        qs = qs.filter(language__in=reader_languages(language))
    return list(qs.order_by("-published_at", "-id")[:limit])


def cases_drafted(*, limit: int = 50) -> list[PublishedCase]:
    """Drafts waiting for an editor's approval."""
    return list(
        PublishedCase.objects.filter(status=PublishedCase.Status.DRAFT)
        .select_related("drafted_by")
        .order_by("created_at")[:limit]
    )


def visibility_choices() -> list[str]:
    return list(Visibility.values)


def case_get(*, case_id: int, for_update: bool = False) -> PublishedCase:
    qs = PublishedCase.objects.select_related("ticket")
    case = (qs.select_for_update(of=("self",)) if for_update else qs).filter(id=case_id).first()
    if case is None:
        raise NotFound("No such case.")
    return case


def article_images(*, article: Article) -> QuerySet[ArticleImage]:
    return ArticleImage.objects.filter(article=article).select_related("uploaded_by")


def image_for_reader(*, image_id: int, name: str, agent: bool) -> ArticleImage | None:
    """An image whose article the reader may open (agents: any article, for previews and
    drafts); None alike for absent, misnamed and not visible."""
    articles = Article.objects.all() if agent else articles_visible(audience="public")
    return ArticleImage.objects.filter(id=image_id, name=name, article__in=articles).first()


EDITOR_LANGUAGES = (Language.ZH_HANS, Language.EN)


@dataclass(frozen=True)
class TranslationState:
    """One language of an article as an editor sees it."""

    language: str
    translation: ArticleTranslation | None  # None: not written yet
    outdated: bool  # another language was edited after this one
    newer: tuple[str, ...]  # the languages edited after this one


def translation_states(
    *, article: Article, languages: tuple[str, ...] = EDITOR_LANGUAGES
) -> list[TranslationState]:
    """`languages` (written or not) and any other written one, each with its staleness against
    the others; uses the article's prefetched translations when there are."""
    translations = list(article.translations.all())
    by_lang = {t.language: t for t in translations}
    languages = (*languages, *(lang for lang in by_lang if lang not in languages))
    states = []
    for lang in languages:
        tr = by_lang.get(lang)
        newer = tuple(
            o.language
            for o in translations
            if tr is not None and o.language != lang and translation_outdated(tr, [o])
        )
        states.append(TranslationState(lang, tr, bool(newer), newer))
    return states


def articles_for_editor(
    *, query: str = "", visibility: str = "", limit: int = 200
) -> list[tuple[Article, list[TranslationState]]]:
    """Articles for the console's knowledge-base list, most recently changed first, with the
    state of each translation (two queries whatever the count)."""
    qs = Article.objects.prefetch_related("translations").order_by("-updated_at", "slug")
    if visibility:
        qs = qs.filter(visibility=visibility)
    if query:
        qs = qs.filter(
            Q(slug__icontains=query) | Q(translations__title__icontains=query)
        ).distinct()
    return [(a, translation_states(article=a)) for a in qs[:limit]]
