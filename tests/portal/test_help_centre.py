"""Help centre: browse and search the knowledge base in the reader's language."""

import pytest
from django.urls import reverse

from walletdesk.kb import services as kb
from walletdesk.kb.models import ArticleStat


def article(slug, *, en=None, zh=None, visibility="public", category="how_to"):
    obj = kb.article_create(slug=slug, meta=kb.ArticleMeta(category=category), actor=None)
    for lang, pair in (("en", en), ("zh-hans", zh)):
        if pair:
            draft = kb.TranslationDraft(language=lang, title=pair[0], body=pair[1])
            kb.revision_create(article=obj, draft=draft, author=None)
    if visibility != "draft":
        kb.article_set_visibility(article=obj, visibility=visibility, actor=None)
    return obj


@pytest.fixture
def articles(db):
    article(
        "usdt-not-received",
        en=("USDT has not arrived", "Check the **transaction hash** on the explorer."),
        zh=("USDT没有到账", "请在区块浏览器上查看**交易哈希**。"),
        category="technical",
    )
    article("internal-only", en=("Agent macro guide", "internal text"), visibility="internal")
    article("unfinished", en=("Draft article", "not yet"), visibility="draft")


def test_browse_lists_public_articles_in_the_readers_language(client, articles):
    english = client.get(reverse("portal:help"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    chinese = client.get(reverse("portal:help"), HTTP_ACCEPT_LANGUAGE="zh-Hans").content.decode()
    assert "USDT has not arrived" in english and "USDT没有到账" not in english
    assert "USDT没有到账" in chinese
    for hidden in ("Agent macro guide", "Draft article"):
        assert hidden not in english


def test_search_finds_articles_in_both_languages(client, articles):
    en = client.get(reverse("portal:help"), {"q": "USDT arrived"}, HTTP_ACCEPT_LANGUAGE="en")
    zh = client.get(reverse("portal:help"), {"q": "没有到账"}, HTTP_ACCEPT_LANGUAGE="zh-Hans")
    assert [h.slug for h in en.context["hits"]] == ["usdt-not-received"]
    assert [h.title for h in zh.context["hits"]] == ["USDT没有到账"]
    assert "internal" not in str(client.get(reverse("portal:help"), {"q": "macro"}).context["hits"])


def test_article_page_renders_markdown_and_counts_a_view(client, articles):
    url = reverse("portal:help_article", args=["usdt-not-received"])
    body = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-Hans").content.decode()
    assert "<strong>交易哈希</strong>" in body
    assert ArticleStat.objects.get(language="zh-hans").views == 1


def test_hidden_articles_are_not_found(client, articles):
    for slug in ("internal-only", "unfinished", "nope"):
        assert client.get(reverse("portal:help_article", args=[slug])).status_code == 404


def test_one_vote_per_visitor(client, articles):
    url = reverse("portal:help_vote", args=["usdt-not-received"])
    client.post(url, {"helpful": "1"}, HTTP_ACCEPT_LANGUAGE="en")
    client.post(url, {"helpful": "1"}, HTTP_ACCEPT_LANGUAGE="en")
    assert ArticleStat.objects.get(language="en").helpful == 1
