"""Build the redaction corpus: positives.jsonl (secrets) and negatives.jsonl (no secrets).

Deterministic (fixed seed): run `.venv/bin/python tests/guard/corpus/build_corpus.py` and
commit the JSONL files.  Mnemonics come from Mnemonic(lang).to_mnemonic(seeded entropy),
the deterministic equivalent of Mnemonic(lang).generate(strength).

positives.jsonl: {"id", "lang", "format", "kinds", "text", "fragments"}, where fragments are
substrings of text that must not survive redaction (each key, and every three consecutive
words of each phrase exactly as written).
negatives.jsonl: {"id", "lang", "topic", "text"}.
"""

import json
import random
import unicodedata
from pathlib import Path

from corpus_values import (
    btc_address,
    evm_address,
    hex_key,
    keystore,
    sol_signature,
    solana_key,
    tron_address,
    tx_hash,
    wif_key,
    xprv_key,
)
from mnemonic import Mnemonic
from negative_templates import EN_PROSE, EN_TEMPLATES, ZH_TEMPLATES

HERE = Path(__file__).parent
SEED = 20260518
LANGUAGES = [
    "english",
    "chinese_simplified",
    "chinese_traditional",
    "japanese",
    "korean",
    "spanish",
    "french",
    "italian",
    "czech",
    "portuguese",
    "russian",
    "turkish",
]
STRENGTHS = (128, 160, 192, 224, 256)


# ------------------------------------------------------------------ phrases


def mnemonic(rng: random.Random, language: str, strength: int) -> list[str]:
    words = Mnemonic(language).to_mnemonic(rng.randbytes(strength // 8))
    return words.replace("\u3000", " ").split(" ")


def _case(rng: random.Random, word: str) -> str:
    return rng.choice([word.upper(), word.capitalize(), word, word])


def _numbered(words: list[str], sep: str, style: str) -> str:
    circled = [chr(0x2460 + i) for i in range(20)] + [chr(0x3251 + i) for i in range(4)]
    marks = {
        "dot": [f"{i}. " for i in range(1, 25)],
        "paren": [f"{i})" for i in range(1, 25)],
        "bracket": [f"({i}) " for i in range(1, 25)],
        "circled": circled,
        "colon": [f"{i}:" for i in range(1, 25)],
    }[style]
    return sep.join(mark + word for mark, word in zip(marks, words, strict=False))


def format_phrase(rng: random.Random, words: list[str], language: str) -> tuple[str, str]:
    """(formatted phrase, format name) in one of the ways customers paste phrases."""
    chinese = language.startswith("chinese")
    styles = [
        "space",
        "numbered_dot_inline",
        "numbered_dot_lines",
        "numbered_paren",
        "numbered_bracket",
        "circled",
        "newline",
        "comma",
        "dash",
        "slash",
        "numbered_colon_lines",
    ]
    if chinese:
        styles += ["nospace", "nospace", "nospace", "fullwidth_comma"]
    elif language == "japanese":
        styles += ["ideographic_space", "ideographic_space"]
    else:
        styles += ["mixed_case", "double_space"]
    style = rng.choice(styles)
    joiners = {
        "space": " ",
        "ideographic_space": "\u3000",
        "newline": "\n",
        "comma": rng.choice([", ", ",", " , "]),
        "dash": rng.choice(["-", " - ", " – "]),
        "slash": rng.choice(["/", " / "]),
        "nospace": "",
        "fullwidth_comma": rng.choice(["，", "、"]),
        "double_space": "  ",
    }
    if style in joiners:
        return joiners[style].join(words), style
    if style == "mixed_case":
        return " ".join(_case(rng, w) for w in words), style
    numbered = {
        "numbered_dot_inline": (" ", "dot"),
        "numbered_dot_lines": ("\n", "dot"),
        "numbered_paren": (rng.choice([" ", "  "]), "paren"),
        "numbered_bracket": (" ", "bracket"),
        "circled": (rng.choice(["", " "]), "circled"),
        "numbered_colon_lines": ("\n", "colon"),
    }
    sep, kind = numbered[style]
    return _numbered(words, sep, kind), style


def phrase_fragments(formatted: str, words: list[str]) -> list[str]:
    """Every three consecutive words, exactly as they appear in the formatted phrase."""
    spans = []
    cursor = 0
    lowered = formatted.lower()
    for word in words:
        start = lowered.index(word.lower(), cursor)
        cursor = start + len(word)
        spans.append((start, cursor))
    return [formatted[spans[i][0] : spans[i + 2][1]] for i in range(len(spans) - 2)]


def accent_variant(rng: random.Random, words: list[str]) -> list[str]:
    """Spanish/French words as customers type them: NFKD, NFC or without accents."""
    choice = rng.randrange(3)
    if choice == 0:
        return words
    if choice == 1:
        return [unicodedata.normalize("NFC", w) for w in words]
    return [
        "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
        for w in words
    ]


EN_PHRASE_TEMPLATES = [
    "Hi, I need help restoring my wallet. My recovery phrase is {p} and the app says invalid.",
    "seed: {p}",
    "Here are my words:\n{p}\nPlease check why the import fails.",
    "{p}",
    "I typed {p} but the wallet shows a different address, where is my USDT?",
    "My mnemonic:\n\n{p}\n\nThanks in advance",
    "please help me recover funds, phrase = {p}",
    "support asked for my backup phrase so here it is {p} . Ticket WD-2026-004512",
    "Recovery words ({n} words): {p}\nWallet address {addr}",
    "I wrote the secret phrase on paper:\n{p}\nIs it correct? balance is 0",
    "Import keeps failing.\n{p}\nI am sure about the order.",
]
ZH_PHRASE_TEMPLATES = [
    "你好，我的助记词是{p}，导入后余额为0",
    "助记词：\n{p}\n请帮我看看",
    "导入钱包提示助记词无效\n{p}\n怎么办",
    "{p}",
    "我把助记词发给你们：{p}，麻烦帮我找回资产",
    "客服你好，这是我的钱包助记词：{p} 帮我查一下为什么转不出去",
    "助记词（{n}个）：{p}\n地址 {addr}",
    "我的助记词是{p}请帮我恢复钱包",
    "恢复钱包的时候一直报错，我抄的{n}个单词如下：\n{p}\n工单号 WD-2026-004513",
    "備份的助記詞：{p}，請幫我確認順序有沒有錯",
    "這是我的助記詞\n{p}\n謝謝",
]


def phrase_message(rng: random.Random, language: str, formatted: str, count: int) -> str:
    chinese = language.startswith("chinese")
    use_zh = chinese or rng.random() < 0.35
    template = rng.choice(ZH_PHRASE_TEMPLATES if use_zh else EN_PHRASE_TEMPLATES)
    return template.format(p=formatted, n=count, addr=tron_address(rng))


def positive_phrases(rng: random.Random) -> list[dict]:
    records = []
    for language in LANGUAGES:
        for strength in STRENGTHS:
            for _ in range(4):
                words = mnemonic(rng, language, strength)
                if language in ("spanish", "french"):
                    words = accent_variant(rng, words)
                formatted, style = format_phrase(rng, words, language)
                text = phrase_message(rng, language, formatted, len(words))
                records.append(_phrase_record(language, style, text, formatted, words))
        for _ in range(4):  # partial runs: 11 words, or a 12-word phrase with a typo
            words = mnemonic(rng, language, 128)
            if rng.random() < 0.5:
                words, style_suffix = words[:11], "partial11"
            else:
                other = Mnemonic(language).wordlist
                words[rng.randrange(12)] = other[rng.randrange(2048)].replace("\u3000", "")
                style_suffix = "typo12"
            formatted, style = format_phrase(rng, words, language)
            if style == "nospace":  # unseparated Chinese without checksum needs a label
                template = rng.choice(["助记词：{p}\n", "我的助记词是：{p}，请帮我看看"])
                text = template.format(p=formatted)
            else:
                text = phrase_message(rng, language, formatted, len(words))
            style = f"{style}/{style_suffix}"
            records.append(_phrase_record(language, style, text, formatted, words))
    return records


NOSPACE_TEMPLATES = [
    "助记词：{p}",
    "我的助记词是{p}，请帮我看看为什么导入失败",
    "{p}",
    "你好\n{p}\n这是我的钱包，余额不见了",
    "我的助记词是{p}请帮我恢复钱包",
    "seed phrase: {p}",
    "「{p}」这个是我抄下来的，对吗",
    "備份詞如下：\n{p}\n",
]


def positive_chinese_unseparated(rng: random.Random) -> list[dict]:
    """Chinese phrases written without spaces, the hardest case."""
    records = []
    for language in ("chinese_simplified", "chinese_traditional"):
        for strength in STRENGTHS:
            for template in NOSPACE_TEMPLATES:
                words = mnemonic(rng, language, strength)
                formatted = "".join(words)
                text = template.format(p=formatted)
                records.append(_phrase_record(language, "nospace", text, formatted, words))
    return records


def _phrase_record(language: str, style: str, text: str, formatted: str, words: list[str]) -> dict:
    return {
        "lang": language,
        "format": style,
        "kinds": ["recovery_phrase"],
        "text": text,
        "fragments": phrase_fragments(formatted, words),
    }


KEY_TEMPLATES = {
    "private_key": [
        "my private key is {k} please move my funds",
        "私钥：{k}",
        "I exported this from MetaMask: {k}",
        "客服你好，我的私钥是 {k} 转账一直失败",
        "{k}",
        "key\n{k}\naddress {addr}",
        "钱包导出的私钥 {k} 麻烦帮我导入看看余额",
    ],
    "wif_key": [
        "electrum gave me this: {k}",
        "私钥(WIF)：{k}",
        "{k} is my bitcoin key, is it safe?",
        "比特币钱包私钥 {k}，余额不见了",
    ],
    "extended_private_key": [
        "Account extended key {k}",
        "这是我导出的扩展私钥：{k}",
        "{k}\nwhy are my addresses different?",
    ],
    "solana_secret_key": [
        "Phantom exported this private key: {k}",
        "solana keypair file contents:\n{k}",
        "SOL 钱包私钥 {k} 帮我看看",
    ],
    "keystore_json": [
        "Here is my keystore file:\n{k}\npassword is in my notes",
        "keystore 文件内容如下：{k} 密码忘了怎么办",
        "{k}",
    ],
}
KEY_MAKERS = {
    "private_key": hex_key,
    "wif_key": wif_key,
    "extended_private_key": xprv_key,
    "solana_secret_key": solana_key,
    "keystore_json": keystore,
}


def positive_keys(rng: random.Random) -> list[dict]:
    records = []
    for kind, maker in KEY_MAKERS.items():
        for i in range(24):
            key = maker(rng)
            template = KEY_TEMPLATES[kind][i % len(KEY_TEMPLATES[kind])]
            fragments = [key]
            if kind == "keystore_json":
                crypto = json.loads(key).get("crypto") or json.loads(key)["Crypto"]
                fragments += [crypto["ciphertext"], crypto["mac"]]
            records.append(
                {
                    "lang": "zh" if any("\u4e00" <= c <= "\u9fff" for c in template) else "en",
                    "format": kind,
                    "kinds": [kind],
                    "text": template.format(k=key, addr=evm_address(rng)),
                    "fragments": fragments,
                }
            )
    return records


def positive_combined(rng: random.Random) -> list[dict]:
    """A phrase and a key in one message, next to a labelled tx hash that must stay."""
    records = []
    for i in range(12):
        words = mnemonic(rng, "english" if i % 2 else "chinese_simplified", 128)
        formatted = " ".join(words)
        key = hex_key(rng)
        txid = tx_hash(rng)
        text = (
            f"txid: {txid}\nwords: {formatted}\nkey: {key}"
            if i % 2
            else f"交易哈希：{txid}\n助记词：{formatted}\n私钥：{key}"
        )
        records.append(
            {
                "lang": "en" if i % 2 else "zh",
                "format": "combined",
                "kinds": ["recovery_phrase", "private_key"],
                "text": text,
                "fragments": [*phrase_fragments(formatted, words), key],
                "keep": [txid],
            }
        )
    return records


# ------------------------------------------------------------------ negatives


def fillers(rng: random.Random) -> dict[str, str]:
    txid = tx_hash(rng)
    evm_tx = "0x" + tx_hash(rng)
    return {
        "tron": tron_address(rng),
        "evm": evm_address(rng),
        "btc": btc_address(rng),
        "txid": txid,
        "evm_tx": evm_tx,
        "sol_sig": sol_signature(rng),
        "amount": rng.choice(["12.5", "300", "1,200", "0.0031", "88.88", "5000", "20.75", "1.2"]),
        "token": rng.choice(["USDT", "TRX", "ETH", "BNB", "USDC", "BTC", "SOL", "MATIC"]),
        "ticket": f"WD-2026-{rng.randrange(1, 999999):06d}",
        "order": rng.choice(
            [
                f"{rng.randrange(10**15, 10**16)}",
                f"ORD-{rng.randrange(100000, 999999)}",
                f"#A{rng.randrange(10**6, 10**7)}",
                f"SW{rng.randrange(10**9, 10**10)}",
            ]
        ),
        "date": f"2026-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
        "time": f"{rng.randrange(24):02d}:{rng.randrange(60):02d}",
        "minutes": str(rng.randrange(2, 120)),
        "fee": rng.choice(["0.5", "1", "2.1", "13.4", "27"]),
        "url_tx": rng.choice(
            [
                f"https://tronscan.org/#/transaction/{txid}",
                f"https://etherscan.io/tx/{evm_tx}",
                f"https://bscscan.com/tx/{evm_tx}",
                f"https://mempool.space/tx/{txid}",
                f"https://polygonscan.com/tx/{evm_tx}",
            ]
        ),
        "url": rng.choice(
            [
                "https://walletdesk.example/help",
                "https://tronscan.org",
                "https://app.uniswap.org/swap",
                "https://www.binance.com/en/support",
                "https://t.me/walletdesk_official",
            ]
        ),
        "version": f"{rng.randrange(1, 9)}.{rng.randrange(0, 30)}.{rng.randrange(0, 10)}",
        "phone": rng.choice(["iPhone 15", "Pixel 8", "小米14", "华为 Mate 60", "Galaxy S23"]),
        "chain": rng.choice(["TRC20", "ERC20", "BEP20", "Polygon", "Arbitrum", "Solana"]),
        "percent": rng.choice(["3.5", "5", "12", "0.3"]),
    }


def negatives(rng: random.Random) -> list[dict]:
    records = []
    for lang, templates in (("en", EN_TEMPLATES), ("zh", ZH_TEMPLATES)):
        for topic, template in templates:
            for _ in range(9):
                records.append(
                    {"lang": lang, "topic": topic, "text": template.format(**fillers(rng))}
                )
    for _ in range(400):
        sentences = rng.sample(EN_PROSE, rng.randrange(2, 6))
        records.append({"lang": "en", "topic": "prose", "text": " ".join(sentences)})
    return records


def write(path: Path, records: list[dict], prefix: str) -> None:
    with path.open("w", encoding="utf-8") as out:
        for number, record in enumerate(records, 1):
            line = {"id": f"{prefix}{number:05d}", **record}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")


def main() -> None:
    rng = random.Random(SEED)
    positives = positive_phrases(rng) + positive_chinese_unseparated(rng)
    positives += positive_keys(rng) + positive_combined(rng)
    write(HERE / "positives.jsonl", positives, "pos")
    negative = negatives(rng)
    write(HERE / "negatives.jsonl", negative, "neg")
    print(f"{len(positives)} positives, {len(negative)} negatives")


if __name__ == "__main__":
    main()
