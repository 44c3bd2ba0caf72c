"""Which language and script a customer writes in (pure).

Chinese is understood in Simplified form: Traditional text is converted with OpenCC before
classification, and answers composed in Simplified are converted back for Traditional writers.
"""

import re
from dataclasses import dataclass
from functools import cache

import opencc

ZH_HANS = "zh-hans"
ZH_HANT = "zh-hant"
EN = "en"

HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_WORD_RE = re.compile(r"[A-Za-z]{2,}")
# Addresses, hashes and symbols are Latin letters that say nothing about the language.
NOISE_RE = re.compile(r"\b(?:0x)?[0-9a-fA-F]{32,}\b|\bT[1-9A-HJ-NP-Za-km-z]{33}\b|\bbc1\w{20,}\b")
NEUTRAL_WORDS = frozenset(
    [
        "usdt",
        "usdc",
        "trx",
        "eth",
        "bnb",
        "btc",
        "trc",
        "erc",
        "bep",
        "tron",
        "tp",
        "app",
        "dapp",
        "nft",
        "gas",
        "id",
        "ok",
        "pc",
        "ios",
        "android",
        "walletconnect",
        "walletdesk",
        "hash",
        "txid",
        "wd",
        "v",
    ]
)


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    return _converter("t2s").convert(text)


def to_traditional(text: str) -> str:
    return _converter("s2t").convert(text)


@dataclass(frozen=True)
class LanguageInfo:
    code: str  # zh-hans, zh-hant or en: the language and script to answer in
    mixed: bool  # Chinese and English words in the same message

    @property
    def is_chinese(self) -> bool:
        return self.code in (ZH_HANS, ZH_HANT)

    @property
    def base(self) -> str:
        """The language the knowledge base is written in for this code."""
        return ZH_HANS if self.is_chinese else EN


def _script(han: str) -> str:
    traditional = sum(a != b for a, b in zip(han, to_simplified(han), strict=False))
    simplified = sum(a != b for a, b in zip(han, to_traditional(han), strict=False))
    return ZH_HANT if traditional > simplified else ZH_HANS


def detect(text: str, *, fallback: str = EN) -> LanguageInfo:
    """The language of a message; `fallback` when it has no words (a bare hash, digits)."""
    clean = NOISE_RE.sub(" ", text)
    han = "".join(HAN_RE.findall(clean))
    words = [w for w in LATIN_WORD_RE.findall(clean) if w.lower() not in NEUTRAL_WORDS]
    if not han:
        return LanguageInfo(EN if words else fallback, mixed=False)
    return LanguageInfo(_script(han), mixed=len(words) >= 2)


def localize(text: str, code: str) -> str:
    """Put text written in Simplified Chinese into the customer's script."""
    return to_traditional(text) if code == ZH_HANT else text


def fold(text: str) -> str:
    """Text as the classifier reads it: Simplified, lower-case, one space between words."""
    return " ".join(to_simplified(text).lower().split())
