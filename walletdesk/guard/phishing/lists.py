"""Parse a MetaMask eth-phishing-detect configuration (allowlist / blocklist / fuzzylist)."""

from dataclasses import dataclass

from .names import parse_host

_KEYS = {"allowlist": "whitelist", "blocklist": "blacklist", "fuzzylist": "fuzzylist"}


class ListFormatError(ValueError):
    pass


@dataclass(frozen=True)
class PhishingConfig:
    allowlist: frozenset[str]
    blocklist: frozenset[str]
    fuzzylist: frozenset[str]
    tolerance: int
    version: str


def _domains(raw, key: str) -> frozenset[str]:
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise ListFormatError(f"'{key}' must be a list of host names")
    cleaned = set()
    for item in raw:
        item = item.strip().lower()
        if item and " " not in item and len(item) <= 253:
            cleaned.add(parse_host(item).ascii)
    return frozenset(cleaned)


def parse_config(data: object) -> PhishingConfig:
    """Accept the current keys and the legacy whitelist/blacklist ones."""
    if not isinstance(data, dict):
        raise ListFormatError("the file must hold a JSON object")
    lists = {}
    for key, legacy in _KEYS.items():
        raw = data.get(key, data.get(legacy, []))
        lists[key] = _domains(raw, key)
    tolerance = data.get("tolerance", 1)
    if not isinstance(tolerance, int) or isinstance(tolerance, bool) or not 0 <= tolerance <= 5:
        raise ListFormatError("'tolerance' must be an integer from 0 to 5")
    return PhishingConfig(**lists, tolerance=tolerance, version=str(data.get("version", ""))[:40])
