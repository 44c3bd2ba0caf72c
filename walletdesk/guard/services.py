"""Guard writes: audit log, official registry, phishing lists, scam reports, anti-phishing codes.

Every change to the registry or the lists is audited and makes `selectors.directory()` reload.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import F

from walletdesk.accounts.models import Agent, Customer
from walletdesk.core.client_address import is_ip
from walletdesk.core.clock import now
from walletdesk.core.errors import InvalidInput
from walletdesk.guard import channels
from walletdesk.guard.masking import identities_shown
from walletdesk.guard.models import (
    AntiPhishingCode,
    AuditEntry,
    OfficialChannel,
    PhishingEntry,
    PhishingSettings,
    ScamChannel,
)
from walletdesk.guard.phishing.lists import ListFormatError, PhishingConfig, parse_config
from walletdesk.guard.selectors import directory_forget
from walletdesk.guard.throttle import RateLimited, limit_setting, throttle_hit

BATCH = 5000


def _actor_user(actor):
    return actor.user if isinstance(actor, Agent) else actor


def audit_record(
    *,
    action: str,
    actor=None,
    target=None,
    target_type: str = "",
    target_id: str = "",
    ip: str | None = None,
    data: dict | None = None,
) -> AuditEntry:
    """Append one entry. actor is a user, an Agent or None (the system); target any model row."""
    user = _actor_user(actor)
    if target is not None:
        target_type = target_type or target._meta.label_lower
        target_id = target_id or str(target.pk)
    return AuditEntry.objects.create(
        at=now(),
        actor=user if user is not None and user.pk else None,
        actor_label=(user.get_username() if user is not None else "system")[:150],
        action=action[:60],
        target_type=target_type[:60],
        target_id=str(target_id)[:64],
        ip=ip if ip and is_ip(ip) else None,  # "unknown" (no peer address) is not stored
        data=data or {},
    )


def security_ticket_viewed(*, ticket, actor, ip: str | None = None) -> AuditEntry | None:
    """Audit a staff member opening a security ticket; other categories are not logged."""
    if ticket.category != "security":
        return None
    return audit_record(
        action="ticket.security_viewed",
        actor=actor,
        target=ticket,
        ip=ip,
        data={"number": ticket.number},
    )


def customer_reveal(*, agent: Agent, ticket, ip: str | None = None) -> list[dict]:
    """The ticket customer's identities unmasked, for an agent who can see the ticket.

    Every reveal is audited; `WALLETDESK_REVEALS_PER_HOUR` per agent, then RateLimited.
    """
    limit = limit_setting("REVEALS_PER_HOUR")
    if throttle_hit(scope="reveal", key=str(agent.pk), limit=limit, window=3600):
        raise RateLimited("Too many customer reveals in the last hour.")
    shown = identities_shown(ticket.customer.identities.order_by("id"), reveal=True)
    audit_record(
        action="customer.revealed",
        actor=agent,
        target=ticket.customer,
        ip=ip,
        data={"ticket": ticket.number, "kinds": sorted({i["kind"] for i in shown})},
    )
    return shown


def directory_changed() -> None:
    """Make every process reload the registry: bump the revision they compare against."""
    directory_forget()
    if not PhishingSettings.objects.filter(pk=1).update(revision=F("revision") + 1):
        PhishingSettings.objects.get_or_create(pk=1, defaults={"revision": 1})
    transaction.on_commit(directory_forget)


def _normalized(kind: str, value: str) -> str:
    normalized = channels.normalize(channels.Kind(kind), value)
    if not normalized:
        raise InvalidInput("The value is empty once normalized.")
    return normalized


@transaction.atomic
def official_channel_save(
    *, kind: str, value: str, label: str = "", is_active: bool = True, actor=None
) -> OfficialChannel:
    """Add or update an official channel (the value is stored normalized)."""
    channel, created = OfficialChannel.objects.update_or_create(
        kind=kind,
        value=_normalized(kind, value),
        defaults={"label": label, "is_active": is_active},
    )
    audit_record(
        action="registry.official_saved",
        actor=actor,
        target=channel,
        data={"kind": kind, "value": channel.value, "active": is_active, "created": created},
    )
    directory_changed()
    return channel


@transaction.atomic
def scam_channel_add(*, kind: str, value: str, actor=None, note: str = "") -> ScamChannel:
    """Record an account, address or number that impersonates the desk."""
    channel, _ = ScamChannel.objects.get_or_create(
        kind=kind, value=_normalized(kind, value), defaults={"note": note[:200]}
    )
    audit_record(action="registry.scam_added", actor=actor, target=channel, data={"kind": kind})
    directory_changed()
    return channel


def _domain(value: str) -> str:
    domain = channels.normalize(channels.Kind.DOMAIN, value)
    if not domain or "." not in domain:
        raise InvalidInput("Not a domain name.")
    return domain


@transaction.atomic
def phishing_domain_block(
    *, domain: str, actor=None, note: str = "", source: str = PhishingEntry.Source.MANUAL
) -> PhishingEntry:
    """Put a host name on the blocklist (it and its subdomains become known scams)."""
    entry, created = PhishingEntry.objects.get_or_create(
        kind=PhishingEntry.Kind.BLOCK,
        domain=_domain(domain),
        defaults={"source": source, "note": note[:200]},
    )
    audit_record(
        action="blocklist.added",
        actor=actor,
        target=entry,
        data={"domain": entry.domain, "source": source, "created": created},
    )
    directory_changed()
    return entry


@transaction.atomic
def phishing_domain_unblock(*, domain: str, actor=None) -> int:
    removed, _ = PhishingEntry.objects.filter(
        kind=PhishingEntry.Kind.BLOCK, domain=_domain(domain)
    ).delete()
    audit_record(action="blocklist.removed", actor=actor, data={"domain": domain, "rows": removed})
    directory_changed()
    return removed


@dataclass(frozen=True)
class ImportResult:
    allowlist: int
    blocklist: int
    fuzzylist: int
    removed: int
    tolerance: int


def _replace_imported(kind: str, domains: frozenset[str]) -> int:
    """Make the imported rows of one list equal to domains; manual rows are kept.
    Differences are computed in Python: lists hold 100,000+ names, more than a query's
    parameters may."""
    rows = PhishingEntry.objects.filter(kind=kind)
    imported = dict(
        rows.filter(source=PhishingEntry.Source.IMPORT).values_list("domain", "id").iterator()
    )
    stale_ids = [row_id for domain, row_id in imported.items() if domain not in domains]
    for start in range(0, len(stale_ids), BATCH):
        PhishingEntry.objects.filter(id__in=stale_ids[start : start + BATCH]).delete()
    existing = set(rows.values_list("domain", flat=True).iterator())
    new_rows = [
        PhishingEntry(kind=kind, domain=d, source=PhishingEntry.Source.IMPORT)
        for d in sorted(domains - existing)
    ]
    PhishingEntry.objects.bulk_create(new_rows, batch_size=BATCH, ignore_conflicts=True)
    return len(stale_ids)


@transaction.atomic
def phishing_list_import(*, config: PhishingConfig, actor=None, source: str = "") -> ImportResult:
    """Load an eth-phishing-detect configuration, replacing the previously imported entries."""
    removed = sum(
        _replace_imported(kind, domains)
        for kind, domains in (
            (PhishingEntry.Kind.ALLOW, config.allowlist),
            (PhishingEntry.Kind.BLOCK, config.blocklist),
            (PhishingEntry.Kind.FUZZY, config.fuzzylist),
        )
    )
    settings_row, _ = PhishingSettings.objects.select_for_update().get_or_create(pk=1)
    settings_row.tolerance = config.tolerance
    settings_row.imported_at = now()
    settings_row.imported_version = config.version
    settings_row.save(update_fields=["tolerance", "imported_at", "imported_version"])
    result = ImportResult(
        len(config.allowlist),
        len(config.blocklist),
        len(config.fuzzylist),
        removed,
        config.tolerance,
    )
    audit_record(
        action="blocklist.imported", actor=actor, data={"source": source[:200], **vars(result)}
    )
    directory_changed()
    return result


def phishing_file_import(*, path: Path, actor=None) -> ImportResult:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        config = parse_config(data)
    except (OSError, ValueError, ListFormatError) as exc:
        raise InvalidInput(f"Cannot import {path.name}: {exc}") from exc
    return phishing_list_import(config=config, actor=actor, source=path.name)


@transaction.atomic
def anti_phishing_code_set(*, customer: Customer, code: str) -> AntiPhishingCode:
    """Set the customer's personal code (4–32 printable characters)."""
    code = " ".join(code.split())
    if not 4 <= len(code) <= 32 or not code.isprintable():
        raise InvalidInput("The code must be 4 to 32 printable characters.")
    row, _ = AntiPhishingCode.objects.update_or_create(customer=customer, defaults={"code": code})
    return row


def anti_phishing_code_clear(*, customer: Customer) -> None:
    AntiPhishingCode.objects.filter(customer=customer).delete()
