"""Find links in free text: URLs with a scheme, www. names and bare domains (also IDN)."""

import re
from dataclasses import dataclass

# Letters a look-alike domain may use: Latin (with accents), Greek, Cyrillic, Armenian.
# CJK is left out so that "请访问walletdesk.com获取" yields "walletdesk.com".
_C = "0-9a-zA-Z\u00c0-\u024f\u0370-\u03ff\u0400-\u052f\u0531-\u058f\u1e00-\u1eff"
_LABEL = f"[{_C}](?:[{_C}-]{{0,61}}[{_C}])?"
_TLD = "(?:xn--[0-9a-zA-Z-]{1,59}|[a-zA-Z\u00c0-\u024f\u0370-\u03ff\u0400-\u052f]{2,63})"
LINK_RE = re.compile(
    rf"(?<![{_C}./-])"
    r"(?:(?P<scheme>(?:https?|hxxps?)://)(?:(?P<userinfo>[^\s/@<>\"'?#]{1,200})@)?)?"
    rf"(?P<host>(?:{_LABEL}\.){{1,10}}{_TLD})(?![{_C}-])\.?"
    r"(?::\d{1,5})?"
    r"(?P<path>[/?#][^\s<>\"'，。、；！？）】」]*)?",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?)]}'\"*"


@dataclass(frozen=True, slots=True)
class FoundLink:
    start: int
    end: int
    text: str
    host: str
    userinfo: str


def find_links(text: str) -> list[FoundLink]:
    """Every link-like span in text, with its host as written (lower case)."""
    if "." not in text:
        return []
    found = []
    for match in LINK_RE.finditer(text):
        # In "name@example.com" only the domain is matched: it is checked like a link.
        userinfo = match.group("userinfo") or ""
        start, end = match.start(), match.end()
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        end = max(end, match.end("host"))
        found.append(FoundLink(start, end, text[start:end], match.group("host").lower(), userinfo))
    return found
