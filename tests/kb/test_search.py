"""article_search: visibility, scheduling, reader's language first, zh-hant, typos, live index."""

from datetime import timedelta

from tests.kb.conftest import make_article
from walletdesk.core.clock import now
from walletdesk.kb import services
from walletdesk.kb.selectors import article_search

ENERGY = ("TRON energy explained", "Energy pays for smart contract calls such as USDT transfers.")
ENERGY_ZH = ("波场能量说明", "调用智能合约（例如转 USDT）要消耗能量。")


def slugs(**kwargs) -> list[str]:
    return [h.slug for h in article_search(**kwargs)]


def test_finds_the_article_by_its_words_with_a_score(db):
    make_article("energy", en=ENERGY)
    make_article("gas", en=("Gas on Ethereum", "ETH pays the gas of every transaction."))
    make_article("seed", en=("Back up your mnemonic", "Write the words on paper."))
    hits = article_search(query="how does energy work", language="en")
    assert hits[0].slug == "energy" and hits[0].score > 0
    assert "gas" not in [h.slug for h in hits]


def test_phrasings_are_searched(db):
    make_article("energy", en=ENERGY, phrasings={"en": ["why was TRX burned"]})
    assert slugs(query="TRX burned", language="en") == ["energy"]


def test_public_readers_see_neither_drafts_internal_nor_archived(db):
    make_article("draft", en=ENERGY, visibility="draft")
    make_article("internal", en=ENERGY, visibility="internal")
    make_article("archived", en=ENERGY, visibility="archived")
    assert slugs(query="energy", language="en") == []
    assert slugs(query="energy", language="en", audience="agent") == ["internal"]


def test_scheduled_articles_appear_from_their_time(db):
    article = make_article("energy", en=ENERGY, visibility="draft")
    services.article_publish(article=article, actor=None, at=now() + timedelta(hours=1))
    assert slugs(query="energy", language="en") == []
    services.article_publish(article=article, actor=None, at=now() - timedelta(seconds=1))
    assert slugs(query="energy", language="en") == ["energy"]


def test_chinese_query_finds_chinese_text(db):
    make_article("energy", en=ENERGY, zh=ENERGY_ZH)
    hits = article_search(query="能量是什么", language="zh-hans")
    assert [(h.slug, h.language) for h in hits] == [("energy", "zh-hans")]


def test_readers_language_comes_first(db):
    make_article("en-only", en=("USDT TRC20 guide", "USDT on TRC20."))
    make_article("both", en=("USDT basics", "USDT."), zh=("USDT 入门", "USDT 是稳定币。"))
    hits = article_search(query="USDT", language="zh-hans")
    assert [(h.slug, h.language) for h in hits] == [("both", "zh-hans"), ("en-only", "en")]


def test_traditional_readers_get_converted_simplified_text(db):
    make_article("energy", en=ENERGY, zh=ENERGY_ZH)
    hits = article_search(query="波場能量", language="zh-hant")
    assert hits[0].language == "zh-hant"
    assert hits[0].title == "波場能量說明"


def test_short_queries_tolerate_a_typo(db):
    make_article("energy", en=ENERGY)
    assert slugs(query="enrgy", language="en") == ["energy"]


def test_index_follows_every_revision(db):
    article = make_article("energy", en=ENERGY)
    assert slugs(query="bandwidth", language="en") == []
    draft = services.TranslationDraft(language="en", title=ENERGY[0], body="Bandwidth too.")
    services.revision_create(article=article, draft=draft, author=None)
    assert slugs(query="bandwidth", language="en") == ["energy"]
    assert slugs(query="contract", language="en") == []


def test_empty_and_stop_word_queries_return_nothing(db):
    make_article("energy", en=ENERGY)
    assert article_search(query="", language="en") == []
    assert article_search(query="what is the", language="en") == []
