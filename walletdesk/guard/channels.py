"""Pure: normalize what a person types (URL, e-mail, handle, phone) and verify it.

`verify()` answers official / not official / known scam against a `Directory` snapshot.
"""

import re
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import parse_qs, urlsplit

from .phishing import Reason, Registry, Verdict, check_host, parse_host
from .phishing.names import distance, skeleton


class Kind(StrEnum):
    """What was entered; the model's ChannelKind values plus `url`."""

    URL = "url"
    DOMAIN = "domain"
    APP_STORE = "app_store"
    TELEGRAM = "telegram"
    X = "x"
    REDDIT = "reddit"
    EMAIL = "email"
    PHONE = "phone"


class Status(StrEnum):
    OFFICIAL = "official"
    NOT_OFFICIAL = "not_official"
    KNOWN_SCAM = "known_scam"


APP_STORE_HOSTS = frozenset(
    {"apps.apple.com", "itunes.apple.com", "play.google.com", "chromewebstore.google.com"}
)
_PREFIXES = {
    Kind.TELEGRAM: ("https://", "http://", "www.", "t.me/", "telegram.me/", "telegram.dog/", "@"),
    Kind.X: ("https://", "http://", "www.", "mobile.", "x.com/", "twitter.com/", "@"),
    Kind.REDDIT: ("https://", "http://", "www.", "old.", "reddit.com/", "/"),
}
_PHONE_RE = re.compile(r"^\+?[\d\s().-]{7,24}$")
_EMAIL_RE = re.compile(r"^(?:mailto:)?[^@\s]{1,64}@[^@\s]+\.[^@\s]+$", re.I)
_HANDLE_HOSTS = {
    "t.me": Kind.TELEGRAM,
    "telegram.me": Kind.TELEGRAM,
    "x.com": Kind.X,
    "twitter.com": Kind.X,
    "reddit.com": Kind.REDDIT,
}


def _strip_prefixes(value: str, prefixes: tuple[str, ...]) -> str:
    changed = True
    while changed:
        changed = False
        for prefix in prefixes:
            if value.startswith(prefix):
                value, changed = value[len(prefix) :], True
    return value


def _url_parts(value: str):
    return urlsplit(value if "://" in value else "https://" + value)


def app_store_key(value: str) -> str:
    """A listing's identity: the Apple id, the Play package, else host and path."""
    parts = _url_parts(value.strip())
    host = (parts.hostname or "").removeprefix("www.")
    if host.endswith("apple.com") and (apple := re.search(r"/id(\d+)", parts.path)):
        return f"apps.apple.com/id{apple.group(1)}"
    if host == "play.google.com" and (package := parse_qs(parts.query).get("id")):
        return f"play.google.com/id={package[0].lower()}"
    return f"{host}{parts.path.rstrip('/')}".lower()


def normalize(kind: Kind, value: str) -> str:
    value = value.strip()
    if kind in _PREFIXES:
        handle = _strip_prefixes(value.lower(), _PREFIXES[kind])
        handle = handle.split("?")[0].strip("/")
        if kind is Kind.REDDIT:
            handle = handle.replace("user/", "u/", 1)
        return handle
    if kind is Kind.EMAIL:
        return value.lower().removeprefix("mailto:")
    if kind is Kind.PHONE:
        digits = re.sub(r"\D", "", value)
        return ("+" + digits) if value.startswith("+") else digits
    if kind is Kind.APP_STORE:
        return app_store_key(value)
    return parse_host(_url_parts(value).hostname or value).ascii if value else ""


def guess_kind(value: str) -> Kind:
    """What a person most likely entered."""
    value = value.strip()
    lowered = value.lower()
    if _EMAIL_RE.match(value) and "://" not in value:
        return Kind.EMAIL
    if _PHONE_RE.match(value) and sum(c.isdigit() for c in value) >= 7:
        return Kind.PHONE
    if value.startswith("@"):
        return Kind.TELEGRAM
    host = (_url_parts(lowered).hostname or "").removeprefix("www.")
    if host in _HANDLE_HOSTS and _url_parts(lowered).path.strip("/"):
        return _HANDLE_HOSTS[host]
    if host in APP_STORE_HOSTS:
        return Kind.APP_STORE
    if "." not in value:
        return Kind.TELEGRAM
    return Kind.URL


@dataclass(frozen=True)
class Directory:
    """The registry for links plus the official and scam channels, normalized, per kind."""

    registry: Registry = field(default_factory=Registry)
    official: dict[str, frozenset[str]] = field(default_factory=dict)
    scams: dict[str, frozenset[str]] = field(default_factory=dict)

    def is_official(self, kind: Kind, value: str) -> bool:
        return value in self.official.get(kind, frozenset())

    def is_scam(self, kind: Kind, value: str) -> bool:
        return value in self.scams.get(kind, frozenset())


@dataclass(frozen=True)
class VerifyResult:
    kind: Kind
    value: str  # normalized
    status: Status
    reasons: tuple[str, ...] = ()
    resembles: str = ""


def _handle_lookalike(kind: Kind, value: str, directory: Directory) -> str:
    skel = skeleton(value)
    for official in directory.official.get(kind, frozenset()):
        official_skel = skeleton(official)
        if skel == official_skel or official_skel in skel or distance(skel, official_skel, 2) <= 2:
            return official
    return ""


def _verify_host(host: str, directory: Directory, kind: Kind) -> VerifyResult:
    checked = check_host(host, directory.registry)
    value = checked.ascii_host
    if checked.verdict is Verdict.OFFICIAL:
        return VerifyResult(kind, value, Status.OFFICIAL)
    if checked.verdict is Verdict.BLOCKED or directory.is_scam(Kind.DOMAIN, value):
        return VerifyResult(kind, value, Status.KNOWN_SCAM, tuple(checked.reasons))
    reasons = tuple(str(r) for r in checked.reasons)
    return VerifyResult(kind, value, Status.NOT_OFFICIAL, reasons, checked.resembles)


def _verify_email(value: str, directory: Directory) -> VerifyResult:
    if directory.is_official(Kind.EMAIL, value):
        return VerifyResult(Kind.EMAIL, value, Status.OFFICIAL)
    if directory.is_scam(Kind.EMAIL, value):
        return VerifyResult(Kind.EMAIL, value, Status.KNOWN_SCAM)
    by_domain = _verify_host(value.rsplit("@", 1)[-1], directory, Kind.EMAIL)
    status = Status.KNOWN_SCAM if by_domain.status is Status.KNOWN_SCAM else Status.NOT_OFFICIAL
    return VerifyResult(Kind.EMAIL, value, status, by_domain.reasons, by_domain.resembles)


def verify(value: str, directory: Directory, kind: Kind | None = None) -> VerifyResult:
    """Is this URL, e-mail address, handle or phone number really ours?"""
    kind = kind or guess_kind(value)
    if kind in (Kind.URL, Kind.DOMAIN):
        return _verify_host(normalize(Kind.DOMAIN, value), directory, kind)
    normalized = normalize(kind, value)
    if kind is Kind.EMAIL:
        return _verify_email(normalized, directory)
    if directory.is_official(kind, normalized):
        return VerifyResult(kind, normalized, Status.OFFICIAL)
    if directory.is_scam(kind, normalized):
        return VerifyResult(kind, normalized, Status.KNOWN_SCAM)
    resembles = "" if kind is Kind.PHONE else _handle_lookalike(kind, normalized, directory)
    reasons = (str(Reason.LOOKALIKE),) if resembles else ()
    return VerifyResult(kind, normalized, Status.NOT_OFFICIAL, reasons, resembles)
