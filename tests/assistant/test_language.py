"""Language and script detection, and answers in the customer's script."""

import pytest

from walletdesk.assistant.language import EN, ZH_HANS, ZH_HANT, detect, fold, localize


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("我的USDT没到账", ZH_HANS),
        ("我的USDT沒到帳，請問怎麼辦", ZH_HANT),
        ("my usdt has not arrived yet", EN),
        ("轉賬失敗了", ZH_HANT),
        ("钱包", ZH_HANS),
    ],
)
def test_detects_language_and_script(text, code):
    assert detect(text).code == code


def test_mixed_chinese_and_english_is_flagged_and_answered_in_chinese():
    info = detect("my transfer 一直 pending 怎么办 please help")
    assert info.mixed and info.code == ZH_HANS


def test_hashes_and_symbols_do_not_make_chinese_text_english():
    info = detect(
        "哈希 943d176daf4637f941faf3f136fe3d61832ad4913614df74f006625e5b5cea30 USDT TRC20"
    )
    assert info.code == ZH_HANS and not info.mixed


def test_a_bare_hash_keeps_the_conversation_language():
    text = "943d176daf4637f941faf3f136fe3d61832ad4913614df74f006625e5b5cea30"
    assert detect(text, fallback=ZH_HANT).code == ZH_HANT


def test_traditional_is_folded_to_simplified_for_understanding():
    assert fold("  轉賬  沒到帳 USDT ") == "转账 没到帐 usdt"


def test_answers_go_back_to_traditional_only_for_traditional_writers():
    assert localize("转账成功", ZH_HANT) == "轉賬成功"
    assert localize("转账成功", ZH_HANS) == "转账成功"
