"""Guard reads: the registry snapshot, link checks, verification, anti-phishing footers."""

import threading
import time

from django.conf import settings
from django.db.models import QuerySet
from django.utils.html import escape

from walletdesk.accounts.models import Customer
from walletdesk.guard import channels, texts
from walletdesk.guard.models import (
    AntiPhishingCode,
    AuditEntry,
    BrandName,
    ChannelKind,
    OfficialChannel,
    PhishingEntry,
    PhishingSettings,
    ScamChannel,
)
from walletdesk.guard.phishing import LinkFlag, Registry, Verdict, check_host, check_links

_memo: dict = {"revision": None, "checked": 0.0, "value": None}
_memo_lock = threading.Lock()


def _by_kind(rows) -> dict[str, frozenset[str]]:
    grouped: dict[str, set[str]] = {}
    for kind, value in rows:
        grouped.setdefault(kind, set()).add(value)
    return {kind: frozenset(values) for kind, values in grouped.items()}


def _directory_load() -> channels.Directory:
    official = OfficialChannel.objects.filter(is_active=True).values_list("kind", "value")
    lists = _by_kind(PhishingEntry.objects.values_list("kind", "domain"))
    config = PhishingSettings.objects.filter(pk=1).first()
    official_by_kind = _by_kind(official)
    registry = Registry.build(
        official_domains=official_by_kind.get(ChannelKind.DOMAIN, ()),
        brands=BrandName.objects.values_list("name", flat=True),
        allowlist=lists.get(PhishingEntry.Kind.ALLOW, ()),
        blocklist=lists.get(PhishingEntry.Kind.BLOCK, ()),
        fuzzylist=lists.get(PhishingEntry.Kind.FUZZY, ()),
        tolerance=config.tolerance if config else 1,
    )
    scams = _by_kind(ScamChannel.objects.values_list("kind", "value"))
    return channels.Directory(registry=registry, official=official_by_kind, scams=scams)


def _revision() -> int:
    row = PhishingSettings.objects.filter(pk=1).values_list("revision", flat=True).first()
    return row or 0


def directory() -> channels.Directory:
    """The registry as plain data, kept per process. Every guard write bumps a revision in
    the database; a process compares it at most every GUARD_DIRECTORY_CHECK_SECONDS."""
    interval = settings.WALLETDESK["GUARD_DIRECTORY_CHECK_SECONDS"]
    with _memo_lock:
        value, known = _memo["value"], _memo["revision"]
        if value is not None and time.monotonic() - _memo["checked"] < interval:
            return value
    revision = _revision()
    if value is None or revision != known:
        value = _directory_load()
    with _memo_lock:
        _memo.update(revision=revision, checked=time.monotonic(), value=value)
    return value


def directory_forget() -> None:
    """Drop this process's copy (tests, and services after a change)."""
    with _memo_lock:
        _memo.update(revision=None, checked=0.0, value=None)


def links_check(text: str) -> list[LinkFlag]:
    """The blocked and suspicious links in text (what intake stores and agents see)."""
    return [link for link in check_links(text, directory().registry) if link.flagged]


def _hosts_named(metadata: dict) -> list[str]:
    """The hosts of a ticket's stored link flags and of the URL or domain a scam report names."""
    flags = metadata.get("link_flags")
    flags = flags if isinstance(flags, list) else []
    hosts = [str(flag.get("host") or "") for flag in flags if isinstance(flag, dict)]
    guard = metadata.get("guard")
    reported = guard.get("reported") if isinstance(guard, dict) else None
    if isinstance(reported, dict) and reported.get("kind") in ("url", "domain"):
        hosts.append(str(reported.get("value") or ""))
    return [host for host in hosts if host]


def blocklist_candidates(metadata: object) -> list[str]:
    """Host names a ticket names that security staff may blocklist in one click, judged now:
    official, allowlisted and already blocked ones left out. The host itself, never its
    registrable domain (a reported sites.google.com page must not offer google.com). No
    query but the registry snapshot's."""
    if not isinstance(metadata, dict):
        return []
    registry, found = directory().registry, []
    for host in _hosts_named(metadata):
        check = check_host(host, registry)
        if check.verdict in (Verdict.UNKNOWN, Verdict.SUSPICIOUS) and check.ascii_host not in found:
            found.append(check.ascii_host)
    return found


def links_assess(text: str) -> list[LinkFlag]:
    """Every link in text with its verdict, official and unknown ones included."""
    return check_links(text, directory().registry)


def channel_verify(*, value: str, kind: str | None = None) -> channels.VerifyResult:
    return channels.verify(value[:500], directory(), channels.Kind(kind) if kind else None)


def official_channels_public() -> QuerySet[OfficialChannel]:
    return OfficialChannel.objects.filter(is_active=True).order_by("kind", "value")


def anti_phishing_footer(*, customer: Customer, language: str = "") -> str:
    """The line every genuine message to this customer carries; empty without a code."""
    row = AntiPhishingCode.objects.filter(customer=customer).only("code").first()
    if row is None:
        return ""
    return anti_phishing_line(code=row.code, language=language or customer.language)


def anti_phishing_line(*, code: str, language: str) -> str:
    """The footer line for a code already read (empty for no code); no query."""
    return texts.pick(texts.ANTI_PHISHING_FOOTER, language).format(code=code) if code else ""


def anti_phishing_signed(
    *, customer_id: int, language: str, text: str, html: str = ""
) -> tuple[str, str]:
    """A message to the customer as sent: the footer line added to its text and, when it has
    one, its HTML. One query; unchanged when the customer has no code."""
    code = AntiPhishingCode.objects.filter(customer_id=customer_id).values_list("code", flat=True)
    line = anti_phishing_line(code=code.first() or "", language=language)
    if not line:
        return text, html
    html_line = f'<p class="anti-phishing-code">{escape(line)}</p>'
    return f"{text}\n\n{line}", f"{html}\n{html_line}" if html else ""


def audit_entries(*, action: str = "", target_type: str = "", target_id: str = ""):
    entries = AuditEntry.objects.select_related("actor")
    if action:
        entries = entries.filter(action=action)
    if target_type:
        entries = entries.filter(target_type=target_type, target_id=target_id)
    return entries


def reply_problems(text: str, language: str = "en") -> list:
    """outgoing.reply_problems with the current registry (what reply_send and the KB call)."""
    from walletdesk.guard import outgoing

    return outgoing.reply_problems(text, language, registry=directory().registry)
