"""Reading an article: sanitized HTML, language fallback, zh-hant conversion, 404s."""

import pytest

from tests.kb.conftest import make_article
from walletdesk.core.errors import NotFound
from walletdesk.kb.selectors import article_read


def test_reader_gets_html_in_their_language(db):
    make_article("x", en=("Energy", "**Energy** pays fees."), zh=("能量", "**能量**抵扣手续费。"))
    view = article_read(slug="x", language="zh-hans")
    assert (view.title, view.language) == ("能量", "zh-hans")
    assert "<strong>能量</strong>" in view.html


def test_zh_hant_reader_gets_converted_text_until_a_traditional_translation_exists(db):
    make_article("x", en=("Energy", "Energy."), zh=("能量与带宽", "转账消耗带宽。"))
    view = article_read(slug="x", language="zh-hant")
    assert (view.title, view.language, view.source_language) == ("能量與帶寬", "zh-hant", "zh-hans")
    assert "轉賬消耗帶寬" in view.html


def test_missing_language_falls_back_to_another(db):
    make_article("x", en=("Energy", "Energy."))
    assert article_read(slug="x", language="zh-hans").language == "en"


def test_draft_is_not_found_for_readers(db):
    make_article("x", en=("Energy", "Energy."), visibility="draft")
    with pytest.raises(NotFound):
        article_read(slug="x", language="en")
