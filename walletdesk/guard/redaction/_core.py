"""redact(): run every detector, merge overlapping detections, write the markers."""

import bisect
import re
from collections.abc import Callable
from functools import cache

from . import _keys, _phrases
from ._lexicon import lexicon
from ._model import MARKERS, PRIORITY, Finding, Hit, Redaction

MARKER_RE = re.compile("|".join(re.escape(marker) for marker in MARKERS.values()))


@cache
def _chinese_patterns() -> _phrases.ChinesePatterns:
    return _phrases.ChinesePatterns(lexicon().chinese_chars)


def _marker_floor(text: str) -> Callable[[int], int]:
    """floor(pos): where context for pos may start, i.e. after the last marker before pos."""
    if "[redacted: " not in text:
        return lambda pos: 0
    ends = [m.end() for m in MARKER_RE.finditer(text)]

    def floor(pos: int) -> int:
        i = bisect.bisect_right(ends, pos)
        return ends[i - 1] if i else 0

    return floor


def _merge(hits: list[Hit]) -> list[Hit]:
    """Overlapping detections become one span, reported as the highest-priority kind."""
    merged: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if merged and hit.start < merged[-1].end:
            last = merged[-1]
            kind = min(last.kind, hit.kind, key=PRIORITY.index)
            merged[-1] = Hit(last.start, max(last.end, hit.end), kind, last.certain or hit.certain)
        else:
            merged.append(hit)
    return merged


def redact(text: str, *, hash_is_tx: Callable[[str], bool] | None = None) -> Redaction:
    """Replace every wallet secret in text by a marker such as "[redacted: recovery phrase]".

    hash_is_tx, when given, is asked about each 64-hex value exactly as written (with its
    0x, if any); True keeps the value as a transaction hash.  Otherwise a 64-hex value is
    kept only when the text labels it as a transaction (txid, hash, 交易哈希, an explorer
    /tx/ URL, ...).  Redacting redacted text changes nothing.
    """
    lex = lexicon()
    floor = _marker_floor(text)
    hits = _keys.keystore_hits(text)
    hits += _keys.base58_hits(text)
    hits += _keys.byte_array_hits(text)
    hits += _keys.hex_hits(text, hash_is_tx, floor)
    hits += _phrases.latin_hits(text, lex)
    hits += _phrases.chinese_hits(text, lex, _chinese_patterns(), floor)
    if not hits:
        return Redaction(text, ())
    pieces: list[str] = []
    findings: list[Finding] = []
    cursor = length = 0
    for hit in _merge(hits):
        pieces.append(text[cursor : hit.start])
        length += hit.start - cursor
        marker = MARKERS[hit.kind]
        pieces.append(marker)
        findings.append(Finding(hit.kind, hit.certain, length, length + len(marker)))
        length += len(marker)
        cursor = hit.end
    pieces.append(text[cursor:])
    return Redaction("".join(pieces), tuple(findings))
