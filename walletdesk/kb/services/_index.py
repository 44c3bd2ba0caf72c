"""Keeps SearchEntry and the database index in step with a translation (called on every write)."""

from django.conf import settings

from walletdesk.core.clock import now
from walletdesk.kb import search_index, text
from walletdesk.kb.models import ArticleTranslation, Language, SearchEntry
from walletdesk.kb.render import fill_placeholders, plain_text, searchable_markdown


def _tokens(value: str, language: str) -> str:
    filled = fill_placeholders(value, placeholder_values())
    return " ".join(text.tokenize(filled, simplified=language != Language.ZH_HANT))


def placeholder_values() -> dict[str, str]:
    brand: dict[str, str] = settings.KB_BRAND
    return {**brand, "portal_url": str(settings.WALLETDESK["PORTAL_URL"])}


def translation_reindex(*, translation: ArticleTranslation) -> SearchEntry:
    lang = translation.language
    body = plain_text(searchable_markdown(translation.body))
    fields = {
        "title": _tokens(translation.title, lang),
        "phrasings": _tokens("\n".join(translation.phrasings), lang),
        "body": _tokens(f"{translation.summary}\n{body}", lang),
    }
    old = SearchEntry.objects.filter(translation=translation).first()
    _count_terms(old, fields)
    entry, _ = SearchEntry.objects.update_or_create(
        translation=translation,
        defaults={
            "article_id": translation.article_id,
            "language": translation.language,
            "updated_at": now(),
            **fields,
        },
    )
    search_index.index_write(translation_id=translation.pk, fields=fields)
    return entry


def _term_set(fields: dict[str, str]) -> set[str]:
    return {t for value in fields.values() for t in value.split()}


def _count_terms(old: SearchEntry | None, fields: dict[str, str]) -> None:
    before = _term_set({"t": old.title, "p": old.phrasings, "b": old.body}) if old else set()
    after = _term_set(fields)
    deltas = {t: 1 for t in after - before} | {t: -1 for t in before - after}
    if old is None:
        deltas[search_index.ENTRIES_KEY] = 1
    search_index.term_counts_add(deltas)
