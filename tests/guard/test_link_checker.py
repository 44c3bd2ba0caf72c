"""The pure link checker: official names pass, look-alikes and blocked hosts are flagged."""

import pytest

from walletdesk.guard.phishing import Reason, Registry, Verdict, check_links, find_links, flag_links

REGISTRY = Registry.build(
    official_domains=["walletdesk.com", "help.walletdesk.io"],
    brands=["TronLink"],
    blocklist=["walletdesk-airdrop.xyz"],
    allowlist=["etherscan.io"],
    fuzzylist=["metamask.io"],
    tolerance=2,
)


def verdict_of(text: str) -> tuple[Verdict, set[Reason]]:
    (link,) = check_links(text, REGISTRY)
    return link.verdict, set(link.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "https://walletdesk.com/download",
        "walletdesk.com",
        "WWW.WalletDesk.com",
        "https://support.walletdesk.com/ticket/1",
        "help.walletdesk.io",
        "walletdesk.com.",
    ],
)
def test_official_domains_and_their_subdomains_pass(text):
    assert verdict_of(text) == (Verdict.OFFICIAL, set())


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("wa11etdesk.com", Reason.HOMOGLYPH),
        ("walletdesк.com", Reason.HOMOGLYPH),  # Cyrillic к
        ("wallеtdesk.com", Reason.MIXED_SCRIPT),  # Cyrillic е
        ("xn--wlletdesk-0yh.com", Reason.PUNYCODE),
        ("walletdesj.com", Reason.LOOKALIKE),
        ("walletdeks.com", Reason.LOOKALIKE),  # transposition
        ("walletdesk-support.net", Reason.BRAND_IN_DOMAIN),
        ("walletdesk.co", Reason.BRAND_IN_DOMAIN),
        ("walletdesk.com.secure-login.top", Reason.BRAND_IN_DOMAIN),
        ("help.walletdesk.io.evil.top", Reason.BRAND_IN_DOMAIN),
        ("tronlink-wallet.app", Reason.BRAND_IN_DOMAIN),
        ("metamaks.io", Reason.FUZZY_MATCH),
        ("https://walletdesk.com@evil.top/login", Reason.HIDDEN_HOST),
    ],
)
def test_lookalikes_are_suspicious_with_a_reason(text, reason):
    verdict, reasons = verdict_of(text)
    assert verdict is Verdict.SUSPICIOUS
    assert reason in reasons


def test_blocklist_covers_subdomains_and_says_so():
    verdict, reasons = verdict_of("https://claim.walletdesk-airdrop.xyz/?ref=1")
    assert verdict is Verdict.BLOCKED
    assert Reason.BLOCKLISTED in reasons


@pytest.mark.parametrize("text", ["google.com", "https://tronscan.org/#/transaction/abc"])
def test_unrelated_domains_are_unknown_not_flagged(text):
    assert verdict_of(text) == (Verdict.UNKNOWN, set())
    assert flag_links(text, REGISTRY) == []


def test_allowlist_passes_without_being_official():
    assert verdict_of("https://etherscan.io/tx/0xabc")[0] is Verdict.ALLOWED


def test_fuzzy_entry_itself_is_not_flagged():
    assert verdict_of("metamask.io")[0] is Verdict.UNKNOWN


def test_links_are_found_inside_chinese_text_with_offsets():
    text = "客服说请访问walletdesk-airdrop.xyz领取，官网是walletdesk.com。"
    links = check_links(text, REGISTRY)
    assert [link.host for link in links] == ["walletdesk-airdrop.xyz", "walletdesk.com"]
    assert all(text[link.start : link.end] == link.text for link in links)
    assert [f.host for f in flag_links(text, REGISTRY)] == ["walletdesk-airdrop.xyz"]


def test_email_domains_are_checked_but_file_names_are_not_links():
    text = "mail from support@wa11etdesk.com about notes.txt"
    assert [link.host for link in check_links(text, REGISTRY)] == ["wa11etdesk.com"]


def test_trailing_punctuation_is_not_part_of_the_link():
    (link,) = find_links("Open (https://walletdesk.com/x).")
    assert link.text == "https://walletdesk.com/x"


def test_flag_serializes_to_plain_json_types():
    (flag,) = flag_links("go to wa11etdesk.com now", REGISTRY)
    assert flag.as_dict() == {
        "text": "wa11etdesk.com",
        "host": "wa11etdesk.com",
        "registrable": "wa11etdesk.com",
        "verdict": "suspicious",
        "reasons": ["homoglyph"],
        "resembles": "walletdesk",
    }


def test_short_brand_names_only_match_exactly():
    registry = Registry.build(brands=["tp"], official_domains=["tp.io"])
    assert registry.brands == frozenset()
    assert flag_links("http://tpx.com http://atp.io", registry) == []


def test_stored_flags_explain_themselves_to_agents_in_their_language():
    from walletdesk.guard.presenters import link_flag_reasons

    (flag,) = flag_links("see wаlletdesk.com", REGISTRY)  # Cyrillic а
    stored = flag.as_dict()
    assert link_flag_reasons(stored, "zh-hans")[0] == "它用形似字符仿冒官方名称。"
    assert len(link_flag_reasons(stored, "en")) == len(stored["reasons"]) == 3
    assert link_flag_reasons({"reasons": ["unheard_of"]}, "en") == []
