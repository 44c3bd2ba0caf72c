"""Recognition of addresses and transaction hashes over mixed support messages.

.venv/bin/python bench/chain_recognition.py [--messages 10000]
"""

import argparse
import random
import secrets
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _common import percentiles, rss_mb

from walletdesk.chain.address import find_references

USDT = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
EVM = "0xdac17f958d2ee523a2206206994597c13d831ec7"
BTC = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"
TEMPLATES = [
    "您好，我的USDT没到账，地址{u}，交易哈希：{h}，请帮忙查一下，工单WD-2026-004512。",
    "Hi team, withdrawal to {e} is stuck. tx: 0x{h} — see https://etherscan.io/tx/0x{h}",
    "My BTC address {b} shows 0 balance after https://mempool.space/tx/{h} confirmed.",
    "Thanks for the quick reply! Everything works now, have a great day. 谢谢！",
    "我忘记了密码，手机号13800138000，能重置吗？订单号202605091234567890。",
    "my key is {h} please help recover funds from {u} and {e} urgently!!!",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(1)
    messages = [
        rng.choice(TEMPLATES).format(u=USDT, h=secrets.token_hex(32), e=EVM, b=BTC)
        * rng.randint(1, 4)
        for _ in range(args.messages)
    ]
    timings, found = [], 0
    started = time.perf_counter()
    for message in messages:
        t0 = time.perf_counter()
        found += len(find_references(message))
        timings.append((time.perf_counter() - t0) * 1000)
    total = time.perf_counter() - started
    print(
        f"find_references: {args.messages} messages, {found} references, "
        f"{args.messages / total:,.0f} messages/s; {percentiles(timings)}; "
        f"max RSS {rss_mb():.0f} MB"
    )


if __name__ == "__main__":
    main()
