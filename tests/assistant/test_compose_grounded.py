"""Answers are built from knowledge-base text only: every line is the article's summary, one
of its steps, a link line or a fixed heading; the segment decides how many steps."""

import pytest

from walletdesk.assistant import compose
from walletdesk.assistant.engine import library
from walletdesk.assistant.knowledge import placeholder_values
from walletdesk.assistant.language import ZH_HANT, to_simplified

VALUES = placeholder_values()


def links(slugs, language):
    lib = library()
    return [
        compose.Link(s, lib.get(s, language).title, f"https://help.example/{s}/") for s in slugs
    ]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("segment", ["novice", "regular", "pro"])
def test_every_line_comes_from_the_article(language, segment):
    lib = library()
    for slug in lib.slugs:
        article = lib.get(slug, language)
        text = compose.answer_text(
            [article], links([slug], language), language=language, segment=segment, values=VALUES
        )
        allowed = {compose.clean(article.summary, VALUES), compose.phrases(language)["steps"], ""}
        allowed |= {f"{i}. {compose.clean(s, VALUES)}" for i, s in enumerate(article.steps, 1)}
        for line in text.splitlines():
            assert line in allowed or line.startswith(compose.phrases(language)["more"]), line
        assert "{{" not in text


def test_novices_get_every_step_and_pros_none():
    article = library().get("tron-out-of-energy", "en")
    args = ([article], links(["tron-out-of-energy"], "en"))
    novice = compose.answer_text(*args, language="en", segment="novice", values=VALUES)
    pro = compose.answer_text(*args, language="en", segment="pro", values=VALUES)
    assert f"{len(article.steps)}. " in novice
    assert "1. " not in pro and compose.clean(article.summary, VALUES) in pro
    assert len(pro) < len(novice)


def test_traditional_readers_get_the_same_answer_in_traditional_script():
    article = library().get("create-wallet", "zh-hans")
    args = ([article], links(["create-wallet"], "zh-hans"))
    simplified = compose.answer_text(*args, language="zh-hans", segment="novice", values=VALUES)
    traditional = compose.answer_text(*args, language=ZH_HANT, segment="novice", values=VALUES)
    assert traditional != simplified
    assert to_simplified(traditional) == to_simplified(simplified)


def test_the_handover_message_states_the_wait_and_the_ticket():
    text = compose.handover_text(
        language="en",
        reason="explicit_request",
        ticket_number="WD-2026-000042",
        eta_minutes=180,
        business_hours=True,
        values=VALUES,
    )
    assert "WD-2026-000042" in text and "3 hours of business time" in text
