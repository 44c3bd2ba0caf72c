"""A translation edited before the other language's latest edit is flagged as outdated."""

from datetime import timedelta

from tests.kb.conftest import make_article
from walletdesk.core.clock import frozen_at, now
from walletdesk.kb import selectors, services


def test_older_translation_is_flagged_until_updated(db):
    start = now()
    with frozen_at(start):
        article = make_article("x", en=("Energy", "Energy text."), zh=("能量", "能量说明。"))
    with frozen_at(start + timedelta(days=2)):
        draft = services.TranslationDraft(language="en", title="Energy", body="New energy text.")
        services.revision_create(article=article, draft=draft, author=None)
    assert selectors.article_read(slug="x", language="zh-hans").outdated is True
    assert selectors.article_read(slug="x", language="en").outdated is False
