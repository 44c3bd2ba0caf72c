"""Pure: mask customer data shown to agents, and who may see it unmasked.

mask_email("alice@example.com")   -> "al***@ex***.com"
mask_phone("+86 138 0013 8000")   -> "+86***00"
mask_handle("@alice_w")           -> "@al***w"
mask_identity("telegram", "123456789") -> "12***9"

Agents see what a ticket needs, not the customer's whole address book: identities (e-mail,
phone, Telegram / X accounts, app user ids) are masked unless `can_reveal(agent, ticket)`;
anyone else who can see the ticket reveals them through an audited, rate-limited action
(`guard.services.customer_reveal`). Public wallet addresses are not masked: they are public on
chain and agents need them whole for lookups. No ORM here: agents and tickets are read
through their attributes only.
"""

from collections.abc import Iterable
from typing import Any

STARS = "***"
# Roles whose work is investigating customers (impersonation, stolen funds) or overseeing it.
REVEAL_ROLES = frozenset({"security", "supervisor", "admin"})
# Ticket categories whose assignee needs the customer's real contacts (ownership checks,
# comparing a handle with scam reports).
REVEAL_CATEGORIES = frozenset({"security", "account"})


def _keep(text: str, head: int, tail: int = 0) -> str:
    """The first `head` and last `tail` characters around stars, never more than half."""
    if not text:
        return ""
    head = min(head, max(1, len(text) // 2)) if len(text) > 1 else 0
    tail = min(tail, max(0, (len(text) - head) // 2))
    return text[:head] + STARS + (text[-tail:] if tail else "")


def mask_email(value: str) -> str:
    """ "alice@example.com" -> "al***@ex***.com": a hint of each part, the top-level domain."""
    value = (value or "").strip()
    local, at, domain = value.rpartition("@")
    if not at:
        return _keep(value, 2)
    host, dot, suffix = domain.rpartition(".")
    masked_domain = f"{_keep(host, 2)}.{suffix}" if dot and host else _keep(domain, 2)
    return f"{_keep(local, 2)}@{masked_domain}"


def mask_phone(value: str) -> str:
    """ "+86 138 0013 8000" -> "+86***00": the first two digits (country code) and last two."""
    value = (value or "").strip()
    digits = "".join(ch for ch in value if ch.isdigit())
    if not digits:
        return _keep(value, 1)
    plus = "+" if value.startswith(("+", "00")) else ""
    if value.startswith("00"):
        digits = digits[2:]  # international prefix, same as "+"
    if len(digits) < 6:
        return plus + STARS + digits[-1:]
    return plus + digits[:2] + STARS + digits[-2:]


def mask_handle(value: str) -> str:
    """ "@alice_w" -> "@al***w"; numeric Telegram ids alike ("123456789" -> "12***9")."""
    value = (value or "").strip()
    at = "@" if value.startswith("@") else ""
    name = value.lstrip("@")
    return at + _keep(name, 2, 1 if len(name) >= 6 else 0)


def mask_opaque(value: str) -> str:
    """An id with no structure (app user id, web visitor): a few characters at each end."""
    value = (value or "").strip()
    return _keep(value, 2, 2 if len(value) >= 8 else 0)


_BY_KIND = {
    "email": mask_email,
    "phone": mask_phone,
    "telegram": mask_handle,
    "x": mask_handle,
    "reddit": mask_handle,
}


def mask_identity(kind: str, value: str) -> str:
    """Mask a `CustomerIdentity` value by its kind (accounts.models.CustomerIdentity.Kind)."""
    return _BY_KIND.get(str(kind), mask_opaque)(value)


def can_reveal(agent: Any, ticket: Any) -> bool:
    """May this agent see the ticket customer's identities unmasked without asking?

    Security, supervisor and admin roles may; so may the assignee of an account or security
    ticket (the work needs the real contact). Everyone else sees masks and uses the audited
    reveal action. `agent` is an accounts Agent (or None), `ticket` a tickets Ticket.
    """
    if agent is None:
        return False
    if str(getattr(agent, "role", "")) in REVEAL_ROLES:
        return True
    if ticket is None or str(getattr(ticket, "category", "")) not in REVEAL_CATEGORIES:
        return False
    return getattr(ticket, "assignee_id", None) == getattr(agent, "id", object())


def identities_shown(identities: Iterable[Any], *, reveal: bool) -> list[dict[str, Any]]:
    """Identity rows (kind, value, verified) as the dicts an agent view shows."""
    return [
        {
            "kind": str(i.kind),
            "value": i.value if reveal else mask_identity(i.kind, i.value),
            "verified": bool(i.verified),
            "masked": not reveal,
        }
        for i in identities
    ]
