"""Pure: read links that customers wrote defanged or in wide forms as ordinary links.

>>> refang("客服让我去 hxxps://evil[.]com 验证").text
'客服让我去 https://evil.com 验证'

Recognised: hxxp(s)/h**p(s) schemes (also `[:]//`, `[://]`); a dot written `[.]`, `(.)`,
`{.}`, `[dot]`, `(dot)`, `[点]` (ASCII or full-width brackets) and `[@]`; `example . com`
(spaces around a dot, the next label lower case); ideographic dots (`。`, `｡`) between a label
and a lower-case label; full-width letters, digits and dots, mathematical and circled letters
(NFKC, one character for one). Offsets of the rewritten text map back to the original
(`Refanged.span`), so a flag points at what the customer wrote.
"""

import bisect
import re
import unicodedata
from dataclasses import dataclass

# Letters a look-alike domain may use: Latin (with accents), Greek, Cyrillic, Armenian.
# CJK is left out so that "请访问walletdesk.com获取" yields "walletdesk.com".
LABEL_CHARS = "0-9a-zA-Z\u00c0-\u024f\u0370-\u03ff\u0400-\u052f\u0531-\u058f\u1e00-\u1eff"

# Full-width punctuation that ends a link in Chinese text stays as it is ("，" must not become
# a "," that a URL path may contain); every other full-width ASCII form reads as ASCII.
_KEEP = set("，；！？（）［］｛｝＂＇＜＞")
_RANGES = ((0xFF01, 0xFF5E), (0x1D400, 0x1D7FF), (0x24B6, 0x24E9), (0xFE52, 0xFE52))


def _narrow_table() -> dict[int, str]:
    table = {}
    for low, high in _RANGES:
        for code in range(low, high + 1):
            char = chr(code)
            folded = unicodedata.normalize("NFKC", char)
            if char not in _KEEP and len(folded) == 1 and folded != char and folded.isascii():
                table[code] = folded
    return table


_NARROW = _narrow_table()
# Each pattern starts with one character class, so the regex engine skips ahead to candidates
# in C; the characters around a candidate are checked afterwards (a lookbehind on every
# position cost five times more).
_WIDE_RE = re.compile(
    "["
    + "".join(re.escape(chr(code)) for code in sorted(_NARROW) if code < 0x10000)
    + "\U0001d400-\U0001d7ff]"
)
_LABEL_RE = re.compile(f"[{LABEL_CHARS}]")
_NEXT_RE = re.compile(r"[a-z0-9]|[A-Z]{2,}(?![a-z])")  # a domain label, not a sentence
_OPEN, _CLOSE = r"[\[(（［{｛]", r"[\])）］}｝]"
_SEP = r"(?:\[:\]//|\[://\]|\[:/\]/)"
_SCHEME_RE = re.compile(
    rf"[hH](?:(?P<x>[xX]{{2}}|\*\*)[pP](?P<s>[sS]?)(?:{_SEP}|(?=://))"
    rf"|[tT]{{2}}[pP](?P<t>[sS]?){_SEP})"
)
_BRACKET_RE = re.compile(
    rf"{_OPEN}[ \t]?(?:[.\u3002\uff61]|[dD][oO][tT]|点|(?P<at>@))[ \t]?{_CLOSE}"
)
_SPACED_RE = re.compile(r"[ \t\u3000][ \t\u3000]?[.\u3002\uff61][ \t\u3000]{1,2}")
_WIDE_DOT_RE = re.compile("[\u3002\uff61]")

Edit = tuple[int, int, str]  # replace text[start:end] by the string


def _label_at(text: str, at: int) -> bool:
    return 0 <= at < len(text) and _LABEL_RE.match(text, at) is not None


def _schemes(text: str) -> list[Edit]:
    edits = []
    for m in _SCHEME_RE.finditer(text):
        before = text[m.start() - 1] if m.start() else ""
        if before.isascii() and before.isalnum():  # "...thxxp" is a word, not a scheme
            continue
        secure = m.group("s") if m.group("x") else m.group("t")
        tail = "://" if text[m.end() - 1] == "/" else ""  # "[:]//" etc. become "://"
        edits.append((m.start(), m.end(), ("https" if secure else "http") + tail))
    return edits


def _brackets(text: str) -> list[Edit]:
    edits = []
    for m in _BRACKET_RE.finditer(text):
        start, end = m.start(), m.end()
        if start and text[start - 1] in " \t":
            start -= 1
        if end < len(text) and text[end] in " \t":
            end += 1
        if _label_at(text, start - 1) and _label_at(text, end):
            edits.append((start, end, "@" if m.group("at") else "."))
    return edits


def _dots(text: str) -> list[Edit]:
    edits = []
    for pattern in (_SPACED_RE, _WIDE_DOT_RE):
        for m in pattern.finditer(text):
            if _label_at(text, m.start() - 1) and _NEXT_RE.match(text, m.end()):
                edits.append((m.start(), m.end(), "."))
    return edits


def _edits(text: str) -> list[Edit]:
    """Non-overlapping edits, in order, that turn defanged forms into plain ones."""
    kept: list[Edit] = []
    for edit in sorted(_schemes(text) + _brackets(text) + _dots(text)):
        if not kept or edit[0] >= kept[-1][1]:
            kept.append(edit)
    return kept


@dataclass(frozen=True, slots=True)
class Refanged:
    text: str
    # per edit: (start, end) in text and (start, end) of what it replaced in the original
    edits: tuple[tuple[int, int, int, int], ...] = ()
    starts: tuple[int, ...] = ()  # the edits' starts in text, for bisect

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of text[start:end]."""
        if not self.edits or end <= start:
            return start, end
        return self._original(start, last=False), self._original(end - 1, last=True)

    def _original(self, at: int, *, last: bool) -> int:
        i = bisect.bisect_right(self.starts, at) - 1
        if i < 0:
            return at + last
        _new_start, new_end, old_start, old_end = self.edits[i]
        if at < new_end:  # inside a replacement: all of what it replaced
            return old_end if last else old_start
        return at - new_end + old_end + last


def _rewrite(text: str, edits: list[Edit]) -> Refanged:
    pieces: list[str] = []
    mapped: list[tuple[int, int, int, int]] = []
    at = length = 0
    for start, end, new in edits:
        pieces.append(text[at:start])
        length += start - at
        pieces.append(new)
        mapped.append((length, length + len(new), start, end))
        length += len(new)
        at = end
    pieces.append(text[at:])
    return Refanged("".join(pieces), tuple(mapped), tuple(m[0] for m in mapped))


def _narrow(match: re.Match[str]) -> str:
    return _NARROW.get(ord(match.group()), match.group())


def refang(text: str) -> Refanged:
    """text with defanged and wide link forms read as plain ASCII links, offsets kept."""
    if not text.isascii():
        text = _WIDE_RE.sub(_narrow, text)  # one character for one: offsets unchanged
    edits = _edits(text)
    return _rewrite(text, edits) if edits else Refanged(text)
