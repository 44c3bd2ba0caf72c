"""Pure: show dangerous links so that nobody can open them by accident.

defang("https://evil.example.com/claim")  ->  "hxxps://evil[.]example[.]com/claim"

Agents read customer messages that quote phishing links; the console shows the flagged ones
(suspicious or blocked, see `guard.selectors.links_check`) defanged and never as anchors.
Full-width and ideographic dots ("evil。com") count as dots, so a defanged link cannot be
turned back into a link by a renderer that reads them as dots. Idempotent.
"""

import re
from collections.abc import Iterable

_SCHEMES = {"http": "hxxp", "https": "hxxps", "ftp": "fxp", "ws": "wxs", "wss": "wxss"}
_SCHEME_RE = re.compile(r"^(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*)(?P<sep>://|:(?=//))", re.ASCII)
# A dot (ASCII, full-width, ideographic, halfwidth ideographic) not already in brackets
# ("[.]", or "(.)" as customers defang).
_DOT_RE = re.compile(r"(?<![\[(\uff08\uff3b{])[.\uff0e\u3002\uff61](?![\])\uff09\uff3d}])")
_HOST_END = re.compile(r"[/?#\\]")


def defang(url: str) -> str:
    """hxxp(s) for the scheme, [.] for every dot of the host part; the path is kept."""
    if not url:
        return ""
    rest, scheme = url, ""
    match = _SCHEME_RE.match(url)
    if match:
        name = match.group("scheme")
        scheme = _SCHEMES.get(name.lower(), name) + "://"
        rest = url[match.end() :].lstrip("/")
    end = _HOST_END.search(rest)
    cut = end.start() if end else len(rest)
    authority, tail = rest[:cut], rest[cut:]
    authority = _DOT_RE.sub("[.]", authority).replace("@", "[@]").replace("[[@]]", "[@]")
    return scheme + authority + tail


def segments(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[str, bool]]:
    """text cut into (piece, is_span) in order; overlapping or out-of-range spans are merged
    or clipped."""
    pieces: list[tuple[str, bool]] = []
    at = 0
    for start, end in sorted(spans):
        start, end = max(start, at), min(end, len(text))
        if end <= start:
            continue
        if start > at:
            pieces.append((text[at:start], False))
        pieces.append((text[start:end], True))
        at = end
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces


def defang_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """text with each span (a flagged link's offsets) defanged, the rest unchanged."""
    return "".join(defang(piece) if flagged else piece for piece, flagged in segments(text, spans))
