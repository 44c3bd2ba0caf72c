"""Domain names: IDNA forms, registrable domain (offline suffix list), skeletons, distance."""

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import tldextract
from confusable_homoglyphs import confusables

# The bundled Public Suffix List snapshot only: no network, no cache directory.
_EXTRACT = tldextract.TLDExtract(
    suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
)
# Look-alike characters inside ASCII names, folded both in the name and the official one.
_ASCII_PAIRS = (("rn", "m"), ("vv", "w"), ("cl", "d"))
# Letters the Unicode confusables table maps to small capitals rather than to ASCII.
_EXTRA_GLYPHS = {"к": "k", "т": "t", "м": "m", "п": "n", "в": "b", "н": "h", "κ": "k", "τ": "t"}
_ASCII_CHARS = str.maketrans({"0": "o", "1": "l", "i": "l", "3": "e", "5": "s", "-": None})


@dataclass(frozen=True, slots=True)
class HostName:
    ascii: str  # punycode form, lower case
    unicode: str  # what a person reads
    subdomain: str
    domain: str  # the label under the public suffix (ascii form)
    suffix: str

    @property
    def registrable(self) -> str:
        return f"{self.domain}.{self.suffix}" if self.suffix else self.domain

    @property
    def domain_unicode(self) -> str:
        return _label_to_unicode(self.domain)

    @property
    def is_idn(self) -> bool:
        return self.ascii != self.unicode or "xn--" in self.ascii

    def labels(self) -> list[str]:
        return self.unicode.split(".")


def _label_to_ascii(label: str) -> str:
    if label.isascii():
        return label
    try:
        return "xn--" + label.encode("punycode").decode("ascii")
    except UnicodeError:
        return label


def _label_to_unicode(label: str) -> str:
    if not label.startswith("xn--"):
        return label
    try:
        return label[4:].encode("ascii").decode("punycode")
    except (UnicodeError, ValueError):
        return label


@lru_cache(maxsize=4096)
def parse_host(host: str) -> HostName:
    """Both forms of a host name and its registrable domain."""
    host = unicodedata.normalize("NFKC", host.strip().strip(".").lower())
    ascii_form = ".".join(_label_to_ascii(label) for label in host.split("."))
    unicode_form = ".".join(_label_to_unicode(label) for label in ascii_form.split("."))
    parts = _EXTRACT(ascii_form)
    return HostName(ascii_form, unicode_form, parts.subdomain, parts.domain, parts.suffix)


@cache
def _char_skeleton(char: str) -> str:
    """An ASCII stand-in for one character that looks like it, else the character."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if bare.isascii():
        return bare.lower()
    if char in _EXTRA_GLYPHS:
        return _EXTRA_GLYPHS[char]
    found = confusables.is_confusable(char, greedy=True, preferred_aliases=["latin"]) or []
    for entry in found:
        for glyph in entry["homoglyphs"]:
            if glyph["c"].isascii() and glyph["c"].isalnum():
                return glyph["c"].lower()
    return char


def skeleton(label: str) -> str:
    """What a label looks like: homoglyphs and look-alike digits folded, hyphens dropped."""
    text = "".join(_char_skeleton(c) for c in label.lower())
    for pair, single in _ASCII_PAIRS:
        text = text.replace(pair, single)
    return text.translate(_ASCII_CHARS)


def is_mixed_script(label: str) -> bool:
    if label.isascii():
        return False
    return bool(confusables.is_mixed_script(label))


def distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment edit distance; any value above limit is returned as limit+1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)
