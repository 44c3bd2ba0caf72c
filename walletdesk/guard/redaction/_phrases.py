"""Detector for BIP-39 recovery phrases in any of the wordlist languages.

Space-separated languages are tokenised; a *run* is a sequence of wordlist words of one
language separated only by separators (spaces, line breaks, commas, dashes, slashes) and
numbering ("1.", "2)", "(3)", "#4", "⑤").  A run of 11+ words is a phrase; it is certain
when some 12/15/18/21/24-word stretch has a valid BIP-39 checksum.

Chinese phrases are runs of single characters and ordinary Chinese is written with the same
common characters, so Chinese runs are found with regexes and held to stricter rules:
  * uniformly separated (every character apart): 11+ characters, like other languages;
  * unseparated, unlabelled: exactly 12/15/18/21/24 characters standing apart from the text
    around them, with a valid checksum and character ranks that look random (the Chinese
    wordlists are ordered by frequency; ordinary text is dominated by the top ranks);
  * right after a label and connector (助记词是, 助記詞：, seed phrase:): a checksum-valid
    12..24 stretch starting there, or 11+ random-looking characters without a checksum.
"""

import re
import unicodedata
from collections.abc import Callable, Iterator

from ._lexicon import (
    MIN_RUN,
    PHRASE_LENGTHS,
    Lexicon,
    checksum_ok,
    has_valid_window,
    strip_marks,
)
from ._model import Hit, SecretKind

PHRASE = SecretKind.RECOVERY_PHRASE
CJK_IDEOGRAPHS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Number-like "letters" (circled digits, roman numerals, ...) are numbering, not words.
NUMBER_LETTERS = (
    "\u00b2\u00b3\u00b9\u00bc-\u00be\u2150-\u218f\u2460-\u24ff\u2776-\u2793"
    "\u3007\u3021-\u3029\u3220-\u325f\u3280-\u32bf"
)
TOKEN_RE = re.compile(
    rf"(?:[^\W\d_{CJK_IDEOGRAPHS}{NUMBER_LETTERS}]|[\u0300-\u036f\u3099-\u309c\ufffd])+"
)
_SEP = (
    "\\s,;/|\\-_*\"'\u00b7\u2010-\u2015\u2018\u2019\u201c\u201d\u2022\u3001\u30fb\uff0c\uff1b\uff0f"
)
_NUM = (
    "(?:[(\\[#\u3010\uff08]?\\d{1,2}[.)\\]:\u3011\uff09\uff1a\uff0e]?"
    "|[\u2460-\u249b\u2776-\u2793\u3251-\u325f\u32b1-\u32bf])"
)
GAP = rf"(?:[{_SEP}]+(?:{_NUM}[{_SEP}]*)?|{_NUM}[{_SEP}]*)"
GAP_RE = re.compile(GAP)
MAX_GAP = 24

LABEL_RE = re.compile(
    "助记词|助記詞|助记|助記|记忆词|記憶詞|恢复词|恢復詞|恢复短语|恢復短語|备份词|備份詞"
    "|种子词|種子詞|种子短语|種子短語|种子|種子|密语|密語|私钥|私鑰|密钥|密鑰|秘钥"
    "|(?:12|15|18|21|24|十二|十五|十八|二十一|二十四)\\s*[个個]?(?:单词|單詞|词|詞|字)"
    "|mnemonic|seed|recovery\\s*(?:phrase|words?)|secret\\s*phrase|backup\\s*phrase"
    "|private\\s*key|(?:12|15|18|21|24)[\\s-]*words?",
    re.IGNORECASE,
)
CONNECTOR_RE = re.compile("(?:[\\s:=\uff1a]|是|为|為|如下|就是|分别是|分別是)*")
LABEL_REACH = 8  # label end -> first character of the phrase
# Thresholds on the "random, not ordinary text" log-likelihood ratio of the characters
# (see _lexicon._chinese_weights).  Over 12 characters, ordinary support text stays below
# -1.7 99% of the time (measured on the knowledge base and the assistant's training data);
# a generated 12-word phrase is above -2 ~99.3%, above 0 ~98% of the time.  The checksum
# (4 bits for 12 words) divides the remaining false positives by 16.
LLR_CHECKSUM = -2.0  # checksum-valid and standing apart from the text around it
LLR_INSIDE = 0.0  # checksum-valid, after a label but running on into the sentence
LLR_UNCHECKED = 1.0  # 11+ characters after a label, no checksum, standing apart
LLR_UNCHECKED_INSIDE = 3.0  # the same, running on into the sentence
# Longer stretches: ordinary text drifts lower (about -0.9 per character) while the checksum
# gains a bit per 3 words, so the bar drops by 0.5 per extra character.
LLR_PER_EXTRA_CHAR = 0.5


def _bar(base: float, length: int) -> float:
    return base - LLR_PER_EXTRA_CHAR * (length - 12)


Floor = Callable[[int], int]


class ChinesePatterns:
    def __init__(self, chars: str) -> None:
        zh = re.escape(chars)
        self.char = re.compile(f"[{zh}]")
        self.unseparated = re.compile(f"[{zh}]{{{MIN_RUN},}}")
        self.separated = re.compile(f"[{zh}](?:{GAP}[{zh}]){{{MIN_RUN - 1},}}")


# ---------------------------------------------------------------- space-separated languages


def latin_hits(text: str, lex: Lexicon) -> list[Hit]:
    if not _may_hold_a_run(text, lex):
        return []
    hits: list[Hit] = []
    chain: list[tuple[int, int, tuple[tuple[int, int], ...]]] = []
    words = lex.words
    for match in TOKEN_RE.finditer(text):
        token = match.group()
        entries = words.get(token.lower()) if token.isascii() else lex.lookup(token)
        start = match.start()
        if entries is None or (chain and not _is_gap(text, chain[-1][1], start)):
            if len(chain) >= MIN_RUN:
                hits.extend(_chain_hits(chain))
            chain = []
        if entries is not None:
            chain.append((start, match.end(), entries))
    if len(chain) >= MIN_RUN:
        hits.extend(_chain_hits(chain))
    return hits


def _may_hold_a_run(text: str, lex: Lexicon) -> bool:
    """Cheap prefilter: are there 11 wordlist tokens in a row at all (ignoring gaps)?"""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
    words = lex.words
    streak = 0
    for token in TOKEN_RE.findall(text.lower()):
        if token in words or (not token.isascii() and strip_marks(token) in words):
            streak += 1
            if streak >= MIN_RUN:
                return True
        else:
            streak = 0
    return False


def _is_gap(text: str, start: int, end: int) -> bool:
    if end - start == 1 and text[start] in " \n,-/":
        return True
    return end - start <= MAX_GAP and GAP_RE.fullmatch(text, start, end) is not None


def _chain_hits(chain: list[tuple[int, int, tuple[tuple[int, int], ...]]]) -> Iterator[Hit]:
    counts: dict[int, int] = {}
    for _, _, entries in chain:
        for language, _index in entries:
            counts[language] = counts.get(language, 0) + 1
    for language, count in counts.items():
        if count < MIN_RUN:
            continue
        run: list[tuple[int, int, int]] = []
        for start, end, entries in chain:
            index = dict(entries).get(language)
            if index is None:
                yield from _run_hit(run)
                run = []
            else:
                run.append((start, end, index))
        yield from _run_hit(run)


def _run_hit(run: list[tuple[int, int, int]]) -> Iterator[Hit]:
    if len(run) >= MIN_RUN:
        certain = has_valid_window([index for _, _, index in run])
        yield Hit(run[0][0], run[-1][1], PHRASE, certain)


# ---------------------------------------------------------------- Chinese


def chinese_hits(text: str, lex: Lexicon, patterns: ChinesePatterns, floor: Floor) -> list[Hit]:
    hits = list(_separated_hits(text, lex, patterns))
    hits.extend(_standalone_hits(text, lex, patterns, floor))
    hits.extend(_labelled_hits(text, lex, patterns, floor))
    return hits


def _member_runs(
    positions: list[int], chars: str, table: dict[str, int]
) -> Iterator[tuple[list[int], list[int]]]:
    """Maximal stretches of characters that are all in one wordlist: (positions, indexes)."""
    run_pos: list[int] = []
    run_idx: list[int] = []
    for pos, ch in zip(positions, chars, strict=True):
        index = table.get(ch)
        if index is None:
            if run_pos:
                yield run_pos, run_idx
            run_pos, run_idx = [], []
        else:
            run_pos.append(pos)
            run_idx.append(index)
    if run_pos:
        yield run_pos, run_idx


def _separated_hits(text: str, lex: Lexicon, patterns: ChinesePatterns) -> Iterator[Hit]:
    for match in patterns.separated.finditer(text):
        found = list(patterns.char.finditer(text, match.start(), match.end()))
        positions = [m.start() for m in found]
        chars = "".join(m.group() for m in found)
        best: tuple[bool, int, list[int], list[int]] | None = None
        for table in lex.chinese:
            for run_pos, run_idx in _member_runs(positions, chars, table):
                if len(run_pos) >= MIN_RUN:
                    candidate = (has_valid_window(run_idx), len(run_pos), run_pos, run_idx)
                    best = candidate if best is None or candidate[:2] > best[:2] else best
        if best is not None:
            first, last = _odd_ends(text, best[2], best[3])
            yield Hit(best[2][first], best[2][last - 1] + 1, PHRASE, best[0])


_CIRCLED = str.maketrans(
    {
        chr(c): "\u2460"
        for lo, hi in ((0x2460, 0x24A0), (0x2776, 0x2794), (0x3251, 0x3260), (0x32B1, 0x32C0))
        for c in range(lo, hi)
    }
)


def _gap_shape(text: str, left: int, right: int) -> str:
    return re.sub(r"\d+", "#", text[left + 1 : right]).translate(_CIRCLED)


def _odd_ends(text: str, run_pos: list[int], run_idx: list[int]) -> tuple[int, int]:
    """Slice bounds without a label character glued on with a different gap.

    "助記詞\n①握②族…" -> starts at 握; only when what remains is exactly a
    checksum-valid phrase, so trimming can never uncover a word of the phrase.
    """
    first, last = 0, len(run_pos)
    if len(run_pos) > MIN_RUN + 1:
        if _gap_shape(text, run_pos[0], run_pos[1]) != _gap_shape(text, run_pos[1], run_pos[2]):
            first = 1
        if _gap_shape(text, run_pos[-2], run_pos[-1]) != _gap_shape(text, run_pos[-3], run_pos[-2]):
            last -= 1
    for lo, hi in ((first, last), (first, len(run_pos)), (0, last)):
        if (lo, hi) != (0, len(run_pos)) and checksum_ok(run_idx[lo:hi]):
            return lo, hi
    return 0, len(run_pos)


def _stands_apart(text: str, start: int, end: int, floor: Floor) -> bool:
    """No ideograph (and no redaction marker) directly before or after text[start:end]."""
    if start > 0 and (_is_ideograph(text[start - 1]) or floor(start) == start):
        return False
    return end >= len(text) or not (_is_ideograph(text[end]) or text[end] == "[")


def _is_ideograph(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _llr(lex: Lexicon, indexes: list[int]) -> float:
    weight = lex.chinese_weight
    return sum(weight[index] for index in indexes)


def _standalone_hits(
    text: str, lex: Lexicon, patterns: ChinesePatterns, floor: Floor
) -> Iterator[Hit]:
    for match in patterns.unseparated.finditer(text):
        run = match.group()
        if len(run) not in PHRASE_LENGTHS:
            continue
        if not _stands_apart(text, match.start(), match.end(), floor):
            continue
        for table in lex.chinese:
            indexes = [table.get(ch, -1) for ch in run]
            if -1 in indexes or _llr(lex, indexes) < _bar(LLR_CHECKSUM, len(run)):
                continue
            if checksum_ok(indexes):
                yield Hit(match.start(), match.end(), PHRASE, True)
                break


def _labelled_hits(
    text: str, lex: Lexicon, patterns: ChinesePatterns, floor: Floor
) -> Iterator[Hit]:
    """Unseparated characters right after a label ("助记词是", "seed phrase:")."""
    labels: dict[int, re.Match[str]] = {}
    for run in patterns.unseparated.finditer(text):  # labels can only matter near a run
        for label in LABEL_RE.finditer(text, max(0, run.start() - 40), run.end()):
            labels[label.start()] = label
    for label in labels.values():
        after = CONNECTOR_RE.match(text, label.end())
        if after is None or after.end() - label.end() > LABEL_REACH:
            continue
        # The phrase may itself start with a connector character (是 is word #2).
        for start in range(after.end(), label.end() - 1, -1):
            phrase = patterns.unseparated.match(text, start)
            if phrase is None or floor(start) > label.end():
                break
            hit = _labelled_run_hit(text, lex, phrase.start(), phrase.group())
            if hit is not None:
                yield hit
                break


def _labelled_run_hit(text: str, lex: Lexicon, start: int, run: str) -> Hit | None:
    apart = start + len(run) >= len(text) or not _is_ideograph(text[start + len(run)])
    for table in lex.chinese:
        indexes: list[int] = []
        for ch in run:
            if ch not in table:
                break
            indexes.append(table[ch])
        for length in PHRASE_LENGTHS:
            window = indexes[:length]
            if len(window) != length:
                continue
            edge = apart and length == len(run)
            bar = _bar(LLR_CHECKSUM if edge else LLR_INSIDE, length)
            if _llr(lex, window) >= bar and checksum_ok(window):
                return Hit(start, start + length, PHRASE, True)
    for table in lex.chinese:
        if all(ch in table for ch in run[:MIN_RUN]):
            score = _llr(lex, [table[ch] for ch in run[:MIN_RUN]])
            if score >= (LLR_UNCHECKED if apart else LLR_UNCHECKED_INSIDE):
                return Hit(start, start + len(run), PHRASE, False)
    return None
