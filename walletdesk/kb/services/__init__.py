"""Every write to the knowledge base (articles, revisions, feedback, cases, the loader)."""

from walletdesk.kb.services._index import placeholder_values, translation_reindex
from walletdesk.kb.services.articles import (
    ArticleMeta,
    TranslationDraft,
    article_create,
    article_publish,
    article_set_related,
    article_set_visibility,
    article_update_meta,
    assert_editor,
    revision_create,
    revision_restore,
)
from walletdesk.kb.services.cases import case_approve, case_draft, case_reject
from walletdesk.kb.services.feedback import article_view_record, article_vote
from walletdesk.kb.services.images import article_image_add, article_image_delete
from walletdesk.kb.services.loading import LoadResult, kb_load

__all__ = [
    "ArticleMeta",
    "LoadResult",
    "TranslationDraft",
    "article_create",
    "article_image_add",
    "article_image_delete",
    "article_publish",
    "article_set_related",
    "article_set_visibility",
    "article_update_meta",
    "article_view_record",
    "article_vote",
    "assert_editor",
    "case_approve",
    "case_draft",
    "case_reject",
    "kb_load",
    "placeholder_values",
    "revision_create",
    "revision_restore",
    "translation_reindex",
]
