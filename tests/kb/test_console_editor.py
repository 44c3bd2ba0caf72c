"""The console's knowledge-base editor: access, list, editing with preview, conflicts,
warnings for an older translation (Django client; the kb services do every write)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.kb.conftest import make_article
from walletdesk.accounts.models import Agent
from walletdesk.core.clock import frozen_at, now
from walletdesk.kb import services
from walletdesk.kb.models import ArticleRevision, ArticleTranslation

EN = ("TRON energy", "Energy pays for contract calls.")
ZH = ("波场能量", "调用合约要消耗能量。")


@pytest.fixture
def lin(db):
    return factories.agent("lin", role=Agent.Role.EDITOR, tz="Asia/Shanghai")


@pytest.fixture
def editor_client(client, lin):
    client.force_login(lin.user)
    return client


def _edit_url(slug: str, lang: str) -> str:
    return reverse("console:kb_edit", args=[slug, lang])


def test_agents_without_the_editor_role_get_403_and_no_link(client, db):
    make_article("energy", en=EN)
    agent = factories.agent("plain", role=Agent.Role.AGENT)
    client.force_login(agent.user)
    for url in (reverse("console:kb_list"), _edit_url("energy", "en")):
        assert client.get(url).status_code == 403
    response = client.post(_edit_url("energy", "en"), {"title": "x", "body": "y"})
    assert response.status_code == 403
    assert ArticleTranslation.objects.get(language="en").title == EN[0]
    page = client.get(reverse("console:supervisor")).content.decode()
    assert reverse("console:kb_list") not in page


def test_anonymous_users_are_sent_to_sign_in(client, db):
    response = client.get(reverse("console:kb_list"))
    assert response.status_code == 302 and "/console/login/" in response["Location"]


def _zh_edited_later(article) -> None:
    with frozen_at(now() + timedelta(days=2)):
        draft = services.TranslationDraft(
            language="zh-hans", title="波场能量（新）", body="新的**说明**。"
        )
        services.revision_create(article=article, draft=draft, author=None)


def test_list_shows_articles_and_marks_an_older_translation(editor_client, lin):
    article = make_article("energy", en=EN, zh=ZH)
    make_article("gas", en=("Gas", "ETH pays gas."))
    _zh_edited_later(article)
    page = editor_client.get(reverse("console:kb_list")).content.decode()
    assert "波场能量（新）" in page and "Gas" in page  # the zh-hans title first
    assert "TRON energy" not in page
    assert 'class="lang-chip outdated"' in page  # en is older than zh-hans
    assert reverse("console:kb_list") in page  # nav link for editors
    filtered = editor_client.get(reverse("console:kb_list"), {"q": "gas"}).content.decode()
    assert "Gas" in filtered and "波场能量" not in filtered


def test_saving_a_translation_makes_a_revision_by_the_editor(editor_client, lin):
    make_article("energy", en=EN)
    response = editor_client.post(
        _edit_url("energy", "en"),
        {
            "title": "TRON energy, explained",
            "summary": "",
            "phrasings": "why was TRX burned\nwhat is energy",
            "body": "Energy pays for **contract calls**.",
            "note": "clearer title",
            "base_revision": 1,
        },
    )
    assert response.status_code == 302
    rev = ArticleRevision.objects.get(language="en", number=2)
    assert (rev.title, rev.author, rev.note) == ("TRON energy, explained", lin, "clearer title")
    assert rev.phrasings == ["why was TRX burned", "what is energy"]


def test_a_save_overtaken_by_another_editor_is_refused(editor_client, lin):
    article = make_article("energy", en=EN)
    draft = services.TranslationDraft(language="en", title="Energy (other editor)", body="B")
    services.revision_create(article=article, draft=draft, author=None)  # now revision 2
    response = editor_client.post(
        _edit_url("energy", "en"),
        {"title": "Mine", "body": "Mine.", "base_revision": 1},
    )
    assert response.status_code == 400
    assert "revision 2" in response.content.decode()
    assert ArticleTranslation.objects.get(language="en").title == "Energy (other editor)"


def test_the_guard_blocks_an_article_asking_for_a_mnemonic(editor_client, lin):
    make_article("energy", en=EN)
    response = editor_client.post(
        _edit_url("energy", "en"),
        {"title": "Verify", "body": "Send us your 12-word recovery phrase.", "base_revision": 1},
    )
    assert response.status_code == 400
    assert ArticleRevision.objects.filter(language="en").count() == 1


def test_edit_page_previews_both_languages_and_warns_when_this_one_is_older(editor_client):
    article = make_article("energy", en=EN, zh=ZH)
    _zh_edited_later(article)
    page = editor_client.get(_edit_url("energy", "en")).content.decode()
    assert 'id="outdated-warning"' in page
    assert "<strong>说明</strong>" in page  # the other language, rendered
    assert "<p>Energy pays for contract calls.</p>" in page  # this draft, rendered
    zh_page = editor_client.get(_edit_url("energy", "zh-hans")).content.decode()
    assert 'id="outdated-warning"' not in zh_page
    assert "older than this one" in zh_page


def test_preview_is_sanitized_and_fills_placeholders(editor_client, settings):
    response = editor_client.post(
        reverse("console:kb_preview"),
        {
            "body": "Hi {{ brand }} <script>alert(1)</script> ![x](https://evil.example/a.png)"
            " ![ok](/kb/images/7/a.png) [link](javascript:alert(1))"
        },
    )
    html = response.content.decode()
    assert settings.KB_BRAND["brand"] in html
    assert "<script" not in html and "evil.example" not in html and 'href="javascript' not in html
    assert '<img src="/kb/images/7/a.png" alt="ok">' in html


def test_a_new_article_is_created_as_a_draft(editor_client, lin):
    response = editor_client.post(
        reverse("console:kb_new"),
        {"slug": "new-topic", "category": "how_to", "tags": "a b", "related": ""},
    )
    assert response.status_code == 302
    page = editor_client.get(reverse("console:kb_article", args=["new-topic"])).content.decode()
    assert "Draft" in page and "Not written yet." in page


def test_pages_speak_chinese_to_a_chinese_browser(editor_client):
    make_article("energy", en=EN, zh=ZH)
    page = editor_client.get(reverse("console:kb_list"), HTTP_ACCEPT_LANGUAGE="zh-CN")
    html = page.content.decode()
    assert "新建文章" in html and ">知识库<" in html
    edit = editor_client.get(_edit_url("energy", "en"), HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert "保存新版本" in edit.content.decode()


def test_the_list_costs_the_same_queries_for_3_or_30_articles(editor_client):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert editor_client.get(reverse("console:kb_list")).status_code == 200
        return len(ctx.captured_queries)

    for n in range(3):
        make_article(f"a{n}", en=EN, zh=ZH)
    few = count()
    for n in range(3, 30):
        make_article(f"a{n}", en=EN, zh=ZH)
    assert count() == few


def test_a_traditional_translation_can_be_written_and_is_then_served(editor_client):
    from walletdesk.kb.selectors import article_read

    make_article("energy", en=EN, zh=ZH)
    page = editor_client.get(reverse("console:kb_article", args=["energy"])).content.decode()
    assert _edit_url("energy", "zh-hant") in page
    response = editor_client.post(
        _edit_url("energy", "zh-hant"),
        {"title": "波場能量（繁體）", "body": "呼叫合約要消耗能量。", "base_revision": 0},
    )
    assert response.status_code == 302
    assert article_read(slug="energy", language="zh-hant").title == "波場能量（繁體）"
