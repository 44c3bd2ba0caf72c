"""Articles written in the knowledge-base editor (only in the database, never in the content
files the engines were trained on) answer questions like the seeded ones: found by the search,
composed from their own summary and steps, in the reader's language. A seeded topic still gets
its seeded article, and an edit in the editor changes the answer."""

import pytest

from walletdesk.assistant.services import assistant_reply
from walletdesk.kb import services as kb
from walletdesk.kb.services import kb_load

pytestmark = pytest.mark.django_db

SLUG = "nft-not-showing"
EN_BODY = """NFTs you own are listed on the Collectibles tab, not among your tokens.

## How to find them

1. Open the wallet and tap **Collectibles** at the bottom of the screen.
2. Pull down on the list to refresh it.
3. Still missing: tap **Add NFT** and paste the collection's contract address and the token ID.
"""
ZH_BODY = """你拥有的 NFT 显示在「收藏品」页，而不是代币列表里。

## 操作步骤

1. 打开钱包，点击底部的**收藏品**。
2. 在列表上下拉刷新。
3. 仍然看不到：点击**添加 NFT**，粘贴合集的合约地址和 Token ID。
"""


@pytest.fixture
def console_article(desk):
    kb_load()
    article = kb.article_create(
        slug=SLUG, meta=kb.ArticleMeta(category="how_to", intents=["token_not_showing"]), actor=None
    )
    drafts = [
        kb.TranslationDraft(
            language="en",
            title="NFTs not showing in the wallet",
            body=EN_BODY,
            phrasings=["my NFT is not showing", "where are my NFTs", "can't see the NFT I bought"],
        ),
        kb.TranslationDraft(
            language="zh-hans",
            title="NFT 不显示怎么办",
            body=ZH_BODY,
            phrasings=["我的NFT不见了", "买的NFT在钱包里看不到", "NFT在哪里看"],
        ),
    ]
    for draft in drafts:
        kb.revision_create(article=article, draft=draft, author=None)
    kb.article_publish(article=article, actor=None)
    return article


def test_the_article_is_not_in_the_files_the_engines_know():
    from walletdesk.assistant.engine import article_engine, library

    assert SLUG not in library().slugs and SLUG not in article_engine().known


@pytest.mark.parametrize(
    ("language", "question", "expected"),
    [
        (
            "en",
            "I bought an NFT yesterday but I can't see it anywhere in my wallet",
            ["NFTs you own are listed on the Collectibles tab", "1. Open the wallet and tap "],
        ),
        (
            "zh-hans",
            "我买的NFT在钱包里看不到",
            ["显示在「收藏品」页", "1. 打开钱包，点击底部的收藏品。"],
        ),
        ("zh-hant", "我買的NFT在錢包裡看不到", ["顯示在「收藏品」頁", "1. 打開錢包"]),
    ],
)
def test_a_matching_question_is_answered_from_its_text(
    console_article, start, language, question, expected
):
    reply = assistant_reply(conversation=start(language, segment="novice"), text=question)
    assert reply.action == "answer"
    assert reply.articles[0]["slug"] == SLUG
    assert reply.articles[0]["url"].endswith(f"/help/{SLUG}/")
    for part in expected:
        assert part in reply.text


def test_a_seeded_topic_keeps_its_seeded_article(console_article, start):
    reply = assistant_reply(conversation=start("en"), text="How do I add a custom token?")
    assert reply.action == "answer" and reply.articles[0]["slug"] == "add-custom-token"


def test_an_edit_in_the_editor_changes_the_answer(console_article, start):
    draft = kb.TranslationDraft(
        language="en",
        title="NFTs not showing in the wallet",
        body=EN_BODY.replace("Collectibles tab", "Gallery tab"),
        phrasings=["my NFT is not showing"],
    )
    kb.revision_create(article=console_article, draft=draft, author=None)
    question = "I bought an NFT yesterday but I can't see it anywhere in my wallet"
    reply = assistant_reply(conversation=start("en"), text=question)
    assert "listed on the Gallery tab" in reply.text and "Collectibles tab" not in reply.text
