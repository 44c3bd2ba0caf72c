"""Links customers write defanged (hxxps://, [.], (.), [dot], " . ") or with full-width and
ideographic dots and full-width letters are found and judged like ordinary links."""

import pytest
from django.template import Context, Template
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import factories as f
from walletdesk.guard.phishing import Reason, Registry, Verdict, check_links, find_links

REGISTRY = Registry.build(
    official_domains=["walletdesk.com"],
    blocklist=["walletdesk-airdrop.xyz"],
    fuzzylist=["metamask.io"],
    tolerance=1,
)


@pytest.mark.parametrize(
    ("text", "link", "host", "verdict", "reason"),
    [
        (
            "客服让我去hxxps://walletdesk-airdrop[.]xyz/claim领取空投",
            "hxxps://walletdesk-airdrop[.]xyz/claim领取空投",
            "walletdesk-airdrop.xyz",
            Verdict.BLOCKED,
            Reason.BLOCKLISTED,
        ),
        (
            "群里有人发了 hxxp://wa11etdesk(.)com 说可以解冻",
            "hxxp://wa11etdesk(.)com",
            "wa11etdesk.com",
            Verdict.SUSPICIOUS,
            Reason.HOMOGLYPH,
        ),
        (
            "他说去walletdesk-support[dot]net找客服，对吗？",
            "walletdesk-support[dot]net",
            "walletdesk-support.net",
            Verdict.SUSPICIOUS,
            Reason.BRAND_IN_DOMAIN,
        ),
        (
            "对方给的网址是 walletdesj . com ，要输入助记词",
            "walletdesj . com",
            "walletdesj.com",
            Verdict.SUSPICIOUS,
            Reason.LOOKALIKE,
        ),
        (
            "链接：wa11etdesk。com，快点",
            "wa11etdesk。com",
            "wa11etdesk.com",
            Verdict.SUSPICIOUS,
            Reason.HOMOGLYPH,
        ),
        (
            "官方客服发来：ｗａｌｌｅｔｄｅｓｋ－ａｉｒｄｒｏｐ．ｘｙｚ，让我连接钱包",
            "ｗａｌｌｅｔｄｅｓｋ－ａｉｒｄｒｏｐ．ｘｙｚ",
            "walletdesk-airdrop.xyz",
            Verdict.BLOCKED,
            Reason.BLOCKLISTED,
        ),
        (
            "这个是官网吗 walletdesk｡co 我不确定",
            "walletdesk｡co",
            "walletdesk.co",
            Verdict.SUSPICIOUS,
            Reason.BRAND_IN_DOMAIN,
        ),
        (
            "空投地址h**ps[:]//metamaks［.］io/airdrop，赶紧",
            "h**ps[:]//metamaks［.］io/airdrop",
            "metamaks.io",
            Verdict.SUSPICIOUS,
            Reason.FUZZY_MATCH,
        ),
        (
            "网址是hxxps://xn--wlletdesk-0yh[.]com/login吗",
            "hxxps://xn--wlletdesk-0yh[.]com/login吗",
            "w\u0430lletdesk.com",  # shown as a person reads it (Cyrillic а)
            Verdict.SUSPICIOUS,
            Reason.PUNYCODE,
        ),
    ],
)
def test_defanged_and_wide_links_are_judged_like_plain_ones(text, link, host, verdict, reason):
    (found,) = check_links(text, REGISTRY)
    assert (found.text, found.host, found.verdict) == (link, host, verdict)
    assert reason in found.reasons
    assert text[found.start : found.end] == link  # offsets point at what the customer wrote


@pytest.mark.parametrize(
    "text",
    [
        "官网是walletdesk[.]com吗？",
        "官网是ｗａｌｌｅｔｄｅｓｋ．ｃｏｍ吗？",
        "官网是 walletdesk . com 吗",
        "官网是walletdesk。com吗",
        "hxxps://walletdesk[.]com/download 下载",
    ],
)
def test_official_domains_written_defanged_are_still_official(text):
    (found,) = check_links(text, REGISTRY)
    assert found.verdict is Verdict.OFFICIAL


@pytest.mark.parametrize(
    "text",
    [
        "我用TronLink. It works fine",  # a sentence, not a domain
        "我用 walletdesk . It crashed",  # spaced dot before a capitalised word
        "版本 5 . 2 之后余额不见了",
        "问题解决了。谢谢！",
        "我在 [.] 里面写了什么",
    ],
)
def test_sentences_are_not_read_as_links(text):
    assert find_links(text) == []


def test_a_sentence_end_after_a_link_is_not_part_of_it():
    (link,) = find_links("官网walletdesk.com。谢谢")
    assert (link.text, link.host) == ("walletdesk.com", "walletdesk.com")


def test_the_console_filter_marks_the_link_as_written(registry_rows):
    text = "客服让我去walletdesk-airdrop[.]xyz领取，还有 wa11etdesk。com"
    html = Template("{% load guard_links %}{{ t|defang_flagged }}").render(Context({"t": text}))
    assert html.count("link-flag") == 2
    assert "⚠ walletdesk-airdrop[.]xyz" in html
    assert "⚠ wa11etdesk[.]com" in html
    assert "wa11etdesk。com" not in html


def test_intake_stores_flags_for_defanged_links(registry_rows):
    f.default_policies()
    f.team()
    ticket, _ = f.ticket(body="有人让我打开 hxxps://walletdesk-airdrop[.]xyz/claim 领取USDT")
    [flag] = ticket.metadata["link_flags"]
    assert (flag["host"], flag["verdict"]) == ("walletdesk-airdrop.xyz", "blocked")
    assert {t.name for t in ticket.tags.all()} >= {"phishing-link", "suspicious-link"}


MARKS = [
    "hxxps://",
    "h**p[:]//",
    "[.]",
    "(.)",
    "[dot]",
    " . ",
    "。",
    "｡",
    "．",
    "［",
    "］",
    "（",
    "）",
]
WORDS = ["evil", "com", "xyz", "ｗａｌｌｅｔ", "客服", "网址", " ", "/", "@", "[@]", "1", "A"]
PIECES = st.sampled_from([*MARKS, *WORDS])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=30))
def test_defanged_text_never_crashes_and_offsets_hold(pieces):
    text = "".join(pieces)
    for link in check_links(text, REGISTRY):
        assert 0 <= link.start < link.end <= len(text)
        assert text[link.start : link.end] == link.text


def test_offsets_map_back_across_several_edits():
    text = "a hxxps://x[.]evil(.)top/p 与 b[dot]evil . top 和 ｗａ１１ｅｔｄｅｓｋ。com"
    found = find_links(text)
    assert [f.text for f in found] == [
        "hxxps://x[.]evil(.)top/p",
        "b[dot]evil . top",
        "ｗａ１１ｅｔｄｅｓｋ。com",
    ]
    assert [f.host for f in found] == ["x.evil.top", "b.evil.top", "wa11etdesk.com"]
