"""Quoted history and signatures are cut from the displayed text but kept in full_text."""

import pytest

from walletdesk.inbox.adapters.email.trim import trim_reply


@pytest.mark.parametrize(
    ("text", "shown", "cut"),
    [
        ("Thanks!\n\nOn Mon, 1 Jan 2026 at 10:00, Bob <b@x> wrote:\n> old\n", "Thanks!", "old"),
        ("好的\n\n在 2026年1月1日 10:00，客服 写道：\n> 旧内容\n", "好的", "旧内容"),
        ("Fine\n\n-----Original Message-----\nFrom: a\nold text\n", "Fine", "old text"),
        ("Yes\n\nFrom: Support <s@x>\nSent: Monday\nTo: me\n\nold\n", "Yes", "old"),
        ("Ok\n\n发件人: 客服 <s@x>\n发送时间: 2026年1月1日\n\n旧\n", "Ok", "旧"),
        ("Ok\n-- \nJohn\nACME\n", "Ok", "ACME"),
        ("Ok\n\nSent from my iPhone\n", "Ok", "iPhone"),
        ("Ok\n\n发自我的iPhone\n", "Ok", "iPhone"),
        ("Reply\n> quoted line\n> more\n\n", "Reply", "quoted line"),
    ],
)
def test_history_is_cut(text, shown, cut):
    trimmed = trim_reply(text)
    assert trimmed == shown
    assert cut not in trimmed


def test_from_line_in_ordinary_text_is_kept():
    text = "From: my exchange account I sent 5 ETH.\nIt never arrived."
    assert trim_reply(text) == text


def test_a_message_that_is_only_quote_is_kept_whole():
    text = "> only a quote\n> nothing new"
    assert trim_reply(text) == text
