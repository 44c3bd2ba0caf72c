import pytest

from tests import factories
from walletdesk.accounts.models import Agent
from walletdesk.kb.services import kb_load


@pytest.fixture
def loaded_kb(db):
    """The 40 starter articles, loaded through the real loader."""
    return kb_load()


@pytest.fixture
def editor(db):
    return factories.agent("editor1", role=Agent.Role.SUPERVISOR)


@pytest.fixture
def plain_agent(db):
    return factories.agent("plain1", role=Agent.Role.AGENT)


def make_article(
    slug: str,
    *,
    en: tuple[str, str] | None = None,
    zh: tuple[str, str] | None = None,
    phrasings: dict[str, list[str]] | None = None,
    visibility: str = "public",
    intents: tuple[str, ...] = (),
    category: str = "how_to",
):
    """An article with (title, body) per language, through the services, published."""
    from walletdesk.kb import services

    article = services.article_create(
        slug=slug, meta=services.ArticleMeta(category=category, intents=list(intents)), actor=None
    )
    for lang, pair in (("en", en), ("zh-hans", zh)):
        if pair:
            draft = services.TranslationDraft(
                language=lang,
                title=pair[0],
                body=pair[1],
                phrasings=(phrasings or {}).get(lang, []),
            )
            services.revision_create(article=article, draft=draft, author=None)
    if visibility != "draft":
        services.article_set_visibility(article=article, visibility=visibility, actor=None)
    article.refresh_from_db()
    return article
