"""The knowledge-base editor shows visibility, category and language labels in the reader's
language (the kb models' own labels are English only)."""

import pytest
from django.urls import reverse

from tests import factories
from tests.kb.conftest import make_article
from walletdesk.accounts.models import Agent


@pytest.fixture
def editor_client(client, db):
    client.force_login(factories.agent("lin", role=Agent.Role.EDITOR).user)
    return client


def test_article_page_in_chinese(editor_client):
    make_article("energy", en=("TRON energy", "Energy pays for contract calls."))
    page = editor_client.get(
        reverse("console:kb_article", args=["energy"]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    assert '<span class="badge vis-public">公开</span>' in page
    assert '<option value="internal">内部（仅客服可见）</option>' in page
    assert '<option value="how_to" selected>使用咨询</option>' in page
    assert "<td>繁體中文</td>" in page and "可见性" in page
    assert "Public" not in page and "How to" not in page


def test_article_list_filter_in_english_and_chinese(editor_client):
    make_article("energy", en=("TRON energy", "x"), visibility="draft")
    url = reverse("console:kb_list")
    english = editor_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    chinese = editor_client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert '<option value="archived">Archived</option>' in english
    assert '<option value="archived">已归档</option>' in chinese
    assert '<span class="badge vis-draft">草稿</span>' in chinese
