import re

from hypothesis import given
from hypothesis import strategies as st

from walletdesk.inbox.adapters.telegram.split import MESSAGE_LIMIT, split_text, utf16_len


def test_short_text_is_one_piece():
    assert split_text("hello") == ["hello"]


def test_long_text_cuts_at_paragraphs():
    para = "x" * 3000
    pieces = split_text(f"{para}\n\n{para}\n\n{para}")
    assert len(pieces) == 3
    assert all(p.strip("\n") == para for p in pieces)


def test_emoji_count_double_and_are_never_cut():
    text = "😀" * 3000  # 6,000 UTF-16 units
    pieces = split_text(text)
    assert [utf16_len(p) for p in pieces] == [4096, 1904]
    assert "".join(pieces) == text


def test_blank_text_sends_nothing():
    assert split_text("  \n ") == []


@given(st.text(alphabet=st.sampled_from(["a", "b", " ", "\n", "😀", "中"]), max_size=600))
def test_pieces_fit_and_keep_every_character(text):
    pieces = split_text(text, limit=50)
    assert all(0 < utf16_len(p) <= 50 for p in pieces)
    assert re.sub(r"\s", "", "".join(pieces)) == re.sub(r"\s", "", text)


def test_limit_is_telegrams():
    assert MESSAGE_LIMIT == 4096
