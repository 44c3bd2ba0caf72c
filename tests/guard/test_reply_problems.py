"""Outgoing replies and KB articles: requests for secrets and bad links are blocked."""

from pathlib import Path

import pytest

from walletdesk.guard.outgoing import reply_problems
from walletdesk.guard.phishing import Registry

REGISTRY = Registry.build(official_domains=["walletdesk.com"], blocklist=["walletdesk-gift.top"])
KB = Path(__file__).resolve().parents[2] / "walletdesk" / "kb" / "content"

ASKING = [
    "Please send us your 12-word recovery phrase so we can verify the wallet.",
    "To restore access, share your seed phrase with our team.",
    "What is your private key?",
    "Kindly provide your mnemonic to complete the sync.",
    "Enter your recovery phrase on this page to validate the wallet.",
    "We need your private key to recover the funds.",
    "Can you tell me your seed words",
    "Reply with your 24 words and we will fix it.",
    "DM me your keystore file and password.",
    "请把助记词发给我们，我们帮您恢复。",
    "请提供您的私钥以便核实。",
    "麻烦发一下助记词给客服。",
    "请在下方链接中输入助记词完成验证。",
    "您的助记词是什么？",
]
ADVICE = [
    "We will never ask for your recovery phrase or private key.",
    "Never share your seed phrase with anyone, including us.",
    "In the app, go to Settings > Wallet > Backup and write your mnemonic on paper.",
    "Please send us the transaction hash and your wallet address.",
    "Your private key never leaves your device.",
    "Download the app only from https://walletdesk.com/download.",
    "请不要把助记词告诉任何人，包括客服。",
    "请提供交易哈希和钱包地址。",
    "请您在 App 中备份助记词并离线保存。",
    "助记词在你的设备上生成，从不发送给我们。",
]


@pytest.mark.parametrize("text", ASKING)
def test_requests_for_secrets_are_blocked_with_both_languages(text):
    (problem,) = reply_problems(text, "zh-hans", registry=REGISTRY)
    assert problem.code == "asks_for_secret"
    assert problem.message == problem.explanation["zh-hans"]
    assert "recovery phrase" in problem.explanation["en"]
    assert text[problem.start : problem.end].strip()


@pytest.mark.parametrize("text", ADVICE)
def test_advice_and_ordinary_requests_pass(text):
    assert reply_problems(text, "en", registry=REGISTRY) == []


def test_blocked_and_lookalike_links_are_named():
    text = "Claim at https://walletdesk-gift.top/claim or wa11etdesk.com"
    problems = reply_problems(text, "en", registry=REGISTRY)
    assert [(p.code, text[p.start : p.end]) for p in problems] == [
        ("blocked_link", "https://walletdesk-gift.top/claim"),
        ("lookalike_link", "wa11etdesk.com"),
    ]
    assert "walletdesk-gift.top" in problems[0].message


def test_a_pasted_secret_is_blocked():
    key = "0x" + "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
    codes = [p.code for p in reply_problems(f"your key {key} works", registry=REGISTRY)]
    assert codes == ["contains_secret"]


def test_no_starter_kb_article_is_blocked():
    articles = sorted(KB.glob("*/*.md"))
    assert len(articles) > 40
    blocked = {
        str(path.relative_to(KB)): [p.code for p in reply_problems(path.read_text(), "en")]
        for path in articles
    }
    assert {name: codes for name, codes in blocked.items() if codes} == {}


@pytest.mark.django_db
def test_selector_uses_the_current_registry():
    from walletdesk.guard.selectors import reply_problems as check
    from walletdesk.guard.services import phishing_domain_block

    assert check("see scam-site.top") == []
    phishing_domain_block(domain="scam-site.top")
    assert [p.code for p in check("see scam-site.top")] == ["blocked_link"]
