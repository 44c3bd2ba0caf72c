"""Find links in free text: URLs with a scheme, www. names and bare domains (also IDN), also
when written defanged (`hxxps://evil[.]com`, `evil(.)com`) or in full-width forms (see refang)."""

import re
from dataclasses import dataclass

from .refang import LABEL_CHARS as _C
from .refang import refang

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
    start: int  # offsets in the text as written
    end: int
    text: str  # as written (defanged forms stay defanged)
    host: str  # read as a plain host name, lower case
    userinfo: str


def find_links(text: str) -> list[FoundLink]:
    """Every link-like span in text, with its host (lower case)."""
    read = refang(text)
    plain = read.text
    if "." not in plain:
        return []
    found = []
    for match in LINK_RE.finditer(plain):
        # In "name@example.com" only the domain is matched: it is checked like a link.
        userinfo = match.group("userinfo") or ""
        start, end = match.start(), match.end()
        while end > start and plain[end - 1] in _TRAILING:
            end -= 1
        end = max(end, match.end("host"))
        start, end = read.span(start, end)
        found.append(FoundLink(start, end, text[start:end], match.group("host").lower(), userinfo))
    return found
