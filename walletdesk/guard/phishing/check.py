"""Judge host names and the links in a text against the official registry and phishing lists.

Pure: the registry is plain data (`Registry`), built by `guard.selectors` from the database.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from .extract import find_links
from .names import HostName, distance, is_mixed_script, parse_host, skeleton

MIN_BRAND_LENGTH = 4  # shorter names match too much inside other words


class Verdict(StrEnum):
    OFFICIAL = "official"
    ALLOWED = "allowed"  # on the imported allowlist: a known genuine third party
    UNKNOWN = "unknown"
    SUSPICIOUS = "suspicious"
    BLOCKED = "blocked"  # on the blocklist: a known scam


class Reason(StrEnum):
    BLOCKLISTED = "blocklisted"
    HOMOGLYPH = "homoglyph"  # reads like an official name once look-alike characters are folded
    LOOKALIKE = "lookalike"  # a small edit away from an official name
    BRAND_IN_DOMAIN = "brand_in_domain"  # an official name inside someone else's domain
    FUZZY_MATCH = "fuzzy_match"  # close to a name on the imported fuzzylist
    MIXED_SCRIPT = "mixed_script"  # letters of several alphabets in one label
    PUNYCODE = "punycode"  # an international (IDN) name
    HIDDEN_HOST = "hidden_host"  # https://official.example@other.example/


FLAGGED = frozenset({Verdict.SUSPICIOUS, Verdict.BLOCKED})


def _clean(domain: str) -> str:
    """ASCII form of a host name; cheap for the ASCII names that fill imported lists."""
    domain = domain.strip().strip(".").lower()
    if domain.isascii():
        return domain
    return parse_host(domain).ascii if domain else ""


@dataclass(frozen=True)
class Registry:
    """Everything the checker knows, as plain data. Domains are stored in ASCII form."""

    official_domains: frozenset[str] = frozenset()
    brands: frozenset[str] = frozenset()
    allowlist: frozenset[str] = frozenset()
    blocklist: frozenset[str] = frozenset()
    fuzzylist: tuple[str, ...] = ()
    tolerance: int = 1
    brand_skeletons: dict[str, str] = field(default_factory=dict, compare=False)

    @classmethod
    def build(
        cls,
        *,
        official_domains=(),
        brands=(),
        allowlist=(),
        blocklist=(),
        fuzzylist=(),
        tolerance: int = 1,
    ) -> "Registry":
        official = frozenset(filter(None, map(_clean, official_domains)))
        names = {b.strip().lower() for b in brands if b.strip()}
        # A registrable official domain names the brand ("walletdesk.com" -> "walletdesk");
        # a hosted subdomain ("help.example-host.com") does not: add a BrandName instead.
        names |= {h.domain_unicode for h in map(parse_host, official) if h.ascii == h.registrable}
        names = {n for n in names if len(n) >= MIN_BRAND_LENGTH}
        return cls(
            official_domains=official,
            brands=frozenset(names),
            allowlist=frozenset(filter(None, map(_clean, allowlist))),
            blocklist=frozenset(filter(None, map(_clean, blocklist))),
            fuzzylist=tuple(sorted(filter(None, map(_clean, fuzzylist)))),
            tolerance=max(0, tolerance),
            brand_skeletons={n: skeleton(n) for n in names},
        )


@dataclass(frozen=True, slots=True)
class HostCheck:
    host: str  # as a person reads it
    ascii_host: str
    registrable: str
    verdict: Verdict
    reasons: tuple[Reason, ...] = ()
    resembles: str = ""  # the official or fuzzylist name it imitates


@dataclass(frozen=True, slots=True)
class LinkFlag:
    """A link in a text and what the checker thinks of it. Offsets index the checked text."""

    text: str
    start: int
    end: int
    host: str
    registrable: str
    verdict: Verdict
    reasons: tuple[Reason, ...]
    resembles: str

    @property
    def flagged(self) -> bool:
        return self.verdict in FLAGGED

    def as_dict(self) -> dict:
        return {
            "text": self.text[:300],
            "host": self.host,
            "registrable": self.registrable,
            "verdict": str(self.verdict),
            "reasons": [str(r) for r in self.reasons],
            "resembles": self.resembles,
        }


def _under(host: str, domains: frozenset[str]) -> bool:
    """host is one of domains or a subdomain of one."""
    if not domains:
        return False
    labels = host.split(".")
    return any(".".join(labels[i:]) in domains for i in range(len(labels)))


def _brand_reason(label: str, skel: str, brand: str, brand_skel: str, tolerance: int):
    if label == brand or (len(brand_skel) >= MIN_BRAND_LENGTH and brand_skel in skel):
        return Reason.HOMOGLYPH if skel == brand_skel and label != brand else Reason.BRAND_IN_DOMAIN
    limit = tolerance + (len(brand) >= 9) if len(brand) >= 5 else 0
    if limit and distance(skel, brand_skel, limit) <= limit:
        return Reason.LOOKALIKE
    return None


def _brand_reasons(name: HostName, registry: Registry) -> tuple[list[Reason], str]:
    labels = [name.domain_unicode, *filter(None, name.subdomain.split("."))]
    for label in labels:
        label = parse_host(label).unicode if label.startswith("xn--") else label
        skel = skeleton(label)
        for brand, brand_skel in registry.brand_skeletons.items():
            reason = _brand_reason(label, skel, brand, brand_skel, registry.tolerance)
            if reason is not None:
                return [reason], brand
    return [], ""


def _fuzzy_reason(name: HostName, registry: Registry) -> tuple[list[Reason], str]:
    for entry in registry.fuzzylist:
        if _under(name.ascii, frozenset({entry})):
            continue
        target = parse_host(entry).domain
        if distance(name.domain, target, registry.tolerance) <= registry.tolerance:
            return [Reason.FUZZY_MATCH], entry
    return [], ""


def check_host(host: str, registry: Registry, *, userinfo: str = "") -> HostCheck:
    """Official, allowed, blocked, suspicious (with reasons) or unknown."""
    name = parse_host(host)

    def result(verdict: Verdict, reasons=(), resembles: str = "") -> HostCheck:
        return HostCheck(
            name.unicode, name.ascii, name.registrable, verdict, tuple(reasons), resembles
        )

    hidden = [Reason.HIDDEN_HOST] if "." in userinfo else []
    if _under(name.ascii, registry.official_domains) and not hidden:
        return result(Verdict.OFFICIAL)
    if _under(name.ascii, registry.allowlist) and not hidden:
        return result(Verdict.ALLOWED)
    reasons, resembles = _brand_reasons(name, registry)
    if not reasons:
        reasons, resembles = _fuzzy_reason(name, registry)
    if any(is_mixed_script(label) for label in name.labels()):
        reasons.append(Reason.MIXED_SCRIPT)
    if name.is_idn:
        reasons.append(Reason.PUNYCODE)
    reasons += hidden
    if _under(name.ascii, registry.blocklist):
        return result(Verdict.BLOCKED, [Reason.BLOCKLISTED, *reasons], resembles)
    return result(Verdict.SUSPICIOUS if reasons else Verdict.UNKNOWN, reasons, resembles)


def check_links(text: str, registry: Registry) -> list[LinkFlag]:
    """Every link in text with its verdict (bare names without a public suffix are skipped)."""
    checked = []
    for link in find_links(text):
        name = parse_host(link.host)
        if not name.suffix or not name.domain:
            continue
        verdict = check_host(link.host, registry, userinfo=link.userinfo)
        checked.append(
            LinkFlag(
                link.text,
                link.start,
                link.end,
                verdict.host,
                verdict.registrable,
                verdict.verdict,
                verdict.reasons,
                verdict.resembles,
            )
        )
    return checked


def flag_links(text: str, registry: Registry) -> list[LinkFlag]:
    """Only the links that are blocked or suspicious."""
    return [link for link in check_links(text, registry) if link.flagged]
