"""Reply helpers: canned replies (seeded as macros) in the customer's language, help articles
to insert."""

from django.urls import reverse

from tests import factories
from walletdesk.console.services import macros_seed_canned
from walletdesk.kb import services as kb


def publish(slug, translations):
    article = kb.article_create(slug=slug, meta=kb.ArticleMeta(category="technical"), actor=None)
    for lang, (title, body) in translations.items():
        draft = kb.TranslationDraft(language=lang, title=title, body=body)
        kb.revision_create(article=article, draft=draft, author=None)
    kb.article_set_visibility(article=article, visibility="public", actor=None)


def test_canned_replies_are_macros_in_the_ticket_language(agent_client):
    macros_seed_canned()
    zh_ticket, _ = factories.ticket(language="zh-hans")
    en_ticket, _ = factories.ticket(language="en")
    zh = agent_client.get(reverse("console:ticket", args=[zh_ticket.id])).content.decode()
    en = agent_client.get(reverse("console:ticket", args=[en_ticket.id])).content.decode()
    assert (
        "请提供交易哈希（TxID）和收款地址" in zh and "Could you send us the transaction" not in zh
    )
    assert "Could you send us the transaction hash" in en and "请提供交易哈希" not in en
    assert "Ask for the transaction hash</option>" in en


def test_help_article_suggestions_in_the_customer_language(agent_client, settings):
    settings.WALLETDESK = {**settings.WALLETDESK, "PORTAL_URL": "https://help.example"}
    publish(
        "usdt-late",
        {"zh-hans": ("USDT没有到账怎么办", "检查交易哈希"), "en": ("USDT has not arrived", "hash")},
    )
    response = agent_client.get(
        reverse("console:kb_suggest"), {"kb_q": "USDT 到账", "lang": "zh-hans"}
    )
    body = response.content.decode()
    assert 'data-insert="USDT没有到账怎么办: https://help.example/help/usdt-late/"' in body
    assert "USDT has not arrived" not in body
    empty = agent_client.get(reverse("console:kb_suggest"), {"kb_q": ""}).content.decode()
    assert "data-insert" not in empty
