"""BIP-39 wordlists as lookup tables, and the checksum test.

Words are matched after NFKD + lower-casing (the BIP-39 normal form), and also with the
accents stripped, because customers often type "abaco" for "ábaco".  Chinese wordlists are
kept apart as per-character tables: Chinese runs are found with regexes, not tokens.
"""

import hashlib
import math
import unicodedata
from dataclasses import dataclass
from functools import cache

from mnemonic import Mnemonic

LANGUAGES: tuple[str, ...] = (
    "english",
    "spanish",
    "french",
    "italian",
    "czech",
    "portuguese",
    "japanese",
    "korean",
    "russian",
    "turkish",
)
CHINESE: tuple[str, ...] = ("chinese_simplified", "chinese_traditional")
PHRASE_LENGTHS: tuple[int, ...] = (24, 21, 18, 15, 12)
MIN_RUN = 11


def normal_form(token: str) -> str:
    if token.isascii():
        return token.lower()
    return unicodedata.normalize("NFKD", token).lower()


def strip_marks(form: str) -> str:
    return "".join(ch for ch in form if not unicodedata.combining(ch))


@dataclass(frozen=True, slots=True)
class Lexicon:
    # normal form -> ((language number, word index), ...)
    words: dict[str, tuple[tuple[int, int], ...]]
    # per Chinese wordlist: character -> word index
    chinese: tuple[dict[str, int], ...]
    chinese_chars: str
    # per word index: log-likelihood ratio "random phrase" vs "ordinary text" for Chinese
    chinese_weight: tuple[float, ...]

    def lookup(self, token: str) -> tuple[tuple[int, int], ...] | None:
        form = normal_form(token)
        entry = self.words.get(form)
        if entry is None and not form.isascii():
            entry = self.words.get(strip_marks(form))
        return entry


def _word_table() -> dict[str, tuple[tuple[int, int], ...]]:
    table: dict[str, list[tuple[int, int]]] = {}
    for number, language in enumerate(LANGUAGES):
        forms: dict[str, int] = {}
        for index, word in enumerate(Mnemonic(language).wordlist):
            forms[normal_form(word)] = index
        aliases: dict[str, set[int]] = {}
        for form, index in forms.items():
            aliases.setdefault(strip_marks(form), set()).add(index)
        for alias, indexes in aliases.items():
            if len(indexes) == 1 and alias not in forms:
                forms[alias] = indexes.pop()
        for form, index in forms.items():
            table.setdefault(form, []).append((number, index))
    return {form: tuple(entries) for form, entries in table.items()}


# Characters of wallet-support vocabulary: common in our customers' messages however rare
# they are in general Chinese text (simplified and traditional).
SUPPORT_VOCABULARY = (
    "钱錢包转轉账帳賬户戶地址助记記词詞私钥鑰密码碼交易余餘额額到币幣链鏈充值提现現"
    "手续續费費冷热熱硬件授权權合约約兑兌换換质質押哈希"
)


def _chinese_weights(vocabulary: set[int]) -> tuple[float, ...]:
    # The Chinese wordlists are ordered by character frequency.  Ordinary text follows a
    # Zipf-like law over that rank; a generated phrase draws ranks uniformly.  The weight
    # is log(P_uniform / P_zipf) for one character: negative for common characters.
    # Support vocabulary is weighted as if it ranked among the 40 most common characters.
    offset = 10.0
    norm = sum(1.0 / (rank + offset) for rank in range(2048))
    return tuple(
        math.log(((min(rank, 40) if rank in vocabulary else rank) + offset) * norm / 2048)
        for rank in range(2048)
    )


@cache
def lexicon() -> Lexicon:
    chinese = tuple(
        {ch: index for index, ch in enumerate(Mnemonic(language).wordlist)} for language in CHINESE
    )
    chars = "".join(sorted(set(chinese[0]) | set(chinese[1])))
    vocabulary = {table[ch] for table in chinese for ch in SUPPORT_VOCABULARY if ch in table}
    return Lexicon(_word_table(), chinese, chars, _chinese_weights(vocabulary))


def checksum_ok(indexes: list[int]) -> bool:
    """True when these 11-bit word indexes form a BIP-39 phrase with a valid checksum."""
    count = len(indexes)
    if count not in PHRASE_LENGTHS:
        return False
    bits = 0
    for index in indexes:
        bits = (bits << 11) | index
    checksum_bits = count // 3
    entropy = (bits >> checksum_bits).to_bytes(count * 11 // 33 * 4, "big")
    expected = hashlib.sha256(entropy).digest()[0] >> (8 - checksum_bits)
    return bits & ((1 << checksum_bits) - 1) == expected


def has_valid_window(indexes: list[int]) -> bool:
    """True when some 12..24-word stretch of the run has a valid checksum."""
    total = len(indexes)
    for length in PHRASE_LENGTHS:
        for start in range(total - length + 1):
            if checksum_ok(indexes[start : start + length]):
                return True
    return False
