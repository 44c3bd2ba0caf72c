"""Redaction and link checking over 2,000-character support messages.

.venv/bin/python bench/guard_redaction.py [--messages 5000]

Prints messages/s and p50/p99 per message for: ordinary messages (no secret), messages that
carry a recovery phrase or a private key, and the link checker on messages with links (also
written defanged or in full-width characters).
No database: both are pure functions (the link checker gets a registry with a 10,000-domain
blocklist and a fuzzylist, like an imported eth-phishing-detect list).
"""

import argparse
import random
import secrets
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _common import percentiles, rss_mb
from mnemonic import Mnemonic

from walletdesk.guard.phishing import Registry, check_links
from walletdesk.guard.redaction import redact

ORDINARY = [
    "您好，我的USDT没到账，地址TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t，交易哈希：{h}，请帮忙查一下。",
    "Hi team, my withdrawal to 0xdac17f958d2ee523a2206206994597c13d831ec7 is stuck, tx 0x{h}.",
    "I updated the app to 5.2.1 and now the balance shows zero on the TRON network, why? ",
    "谢谢客服！问题已经解决了，祝你们工作顺利。订单号202605091234567890，工单WD-2026-004512。",
    "The swap failed with slippage error twice, I paid the network fee both times. ",
]
LINKS = [
    "客服让我去 wa11etdesk.com 验证钱包，还有 https://walletdesk-airdrop.xyz/claim?id=1 ",
    "Official site is https://walletdesk.com/download and docs at help.walletdesk.io/guide ",
    "He sent https://claim-usdt{n}.top and t.me/walletdesk_support_team, is that real? ",
    "My tx is on https://tronscan.org/#/transaction/{h} and etherscan.io/tx/0x{h} ",
]
# The same links as customers paste them defanged or typed with full-width characters.
DEFANGED = [
    "客服让我去 wa11etdesk[.]com 验证钱包，还有 hxxps://walletdesk-airdrop[.]xyz/claim?id=1 ",
    "群里发的是 claim-usdt{n}(.)top 和 ｗａｌｌｅｔｄｅｓｋ－ａｉｒｄｒｏｐ．ｘｙｚ，是真的吗？",
    "He sent h**ps[:]//metamaks[dot]io and tronlink . org/help, is that real? ",
    "官网是walletdesk。com吗？我的交易 https://tronscan.org/#/transaction/{h} ",
]


def fill(rng: random.Random, templates: list[str], size: int = 2000) -> str:
    text = ""
    while len(text) < size:
        text += rng.choice(templates).format(h=secrets.token_hex(32), n=rng.randint(0, 9999))
    return text[:size]


def with_secret(rng: random.Random, text: str) -> str:
    if rng.random() < 0.5:
        language = rng.choice(["english", "chinese_simplified", "spanish", "japanese"])
        secret = Mnemonic(language).generate(rng.choice([128, 256]))
    else:
        secret = "私钥 0x" + secrets.token_hex(32)
    cut = rng.randint(0, len(text) - len(secret) - 1)
    return (text[:cut] + " " + secret + " " + text[cut:])[: 2000 + len(secret)]


def measure(name: str, func, messages: list[str]) -> None:
    """Wall-clock and CPU (thread) time per message: on a busy shared machine the wall-clock
    tail includes time spent waiting for a core, the CPU figure does not."""
    wall, cpu = [], []
    started = time.perf_counter()
    for message in messages:
        t0, c0 = time.perf_counter(), time.thread_time()
        func(message)
        cpu.append((time.thread_time() - c0) * 1000)
        wall.append((time.perf_counter() - t0) * 1000)
    total = time.perf_counter() - started
    print(
        f"{name}: {len(messages)} messages of ~{sum(map(len, messages)) // len(messages)} chars, "
        f"{len(messages) / total:,.0f} messages/s\n  wall {percentiles(wall)}\n"
        f"  cpu  {percentiles(cpu)}"
    )


def registry() -> Registry:
    rng = random.Random(2)
    blocklist = [f"scam{rng.randint(0, 10**9)}.{rng.choice(['top', 'xyz'])}" for _ in range(10_000)]
    return Registry.build(
        official_domains=["walletdesk.com", "help.walletdesk.io"],
        brands=["tronlink"],
        blocklist=[*blocklist, "walletdesk-airdrop.xyz"],
        allowlist=["tronscan.org", "etherscan.io"],
        fuzzylist=["metamask.io", "myetherwallet.com", "tronlink.org"],
        tolerance=2,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=5000)
    args = parser.parse_args()
    rng = random.Random(1)
    ordinary = [fill(rng, ORDINARY) for _ in range(args.messages)]
    secret = [with_secret(rng, fill(rng, ORDINARY)) for _ in range(args.messages)]
    linked = [fill(rng, ORDINARY + LINKS) for _ in range(args.messages)]
    defanged = [fill(rng, ORDINARY + DEFANGED) for _ in range(args.messages)]
    redact("warm-up 0x" + "ab" * 32)
    reg = registry()
    check_links("warm-up wa11etdesk.com", reg)
    measure("redact, ordinary", redact, ordinary)
    measure("redact, with a secret", redact, secret)
    measure("redact, with links", redact, linked)
    measure("check_links, with links", lambda m: check_links(m, reg), linked)
    measure("check_links, ordinary", lambda m: check_links(m, reg), ordinary)
    measure("check_links, defanged links", lambda m: check_links(m, reg), defanged)
    print(f"max RSS {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
