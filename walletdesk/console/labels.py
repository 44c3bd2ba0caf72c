"""Translatable labels for the ticket enumerations (the models' own labels are English only).

Each label has its kind as translation context (pgettext): other apps' catalogues may translate
the same English word differently ("New" is 新建 for a ticket status)."""

from collections.abc import Callable

from django.utils.functional import Promise
from django.utils.translation import get_language, pgettext_lazy

LABELS: dict[str, dict[str, Promise | str]] = {
    "status": {
        "new": pgettext_lazy("status", "New"),
        "open": pgettext_lazy("status", "Open"),
        "pending": pgettext_lazy("status", "Waiting on customer"),
        "on_hold": pgettext_lazy("status", "On hold"),
        "resolved": pgettext_lazy("status", "Resolved"),
        "closed": pgettext_lazy("status", "Closed"),
    },
    "priority": {
        "low": pgettext_lazy("priority", "Low"),
        "normal": pgettext_lazy("priority", "Normal"),
        "high": pgettext_lazy("priority", "High"),
        "urgent": pgettext_lazy("priority", "Urgent"),
    },
    "category": {
        "technical": pgettext_lazy("category", "Technical problem"),
        "security": pgettext_lazy("category", "Security"),
        "how_to": pgettext_lazy("category", "How-to question"),
        "account": pgettext_lazy("category", "Account"),
        "feedback": pgettext_lazy("category", "Feedback"),
        "handoff": pgettext_lazy("category", "Human help"),
        "other": pgettext_lazy("category", "Other"),
    },
    "channel": {
        "app": pgettext_lazy("channel", "App"),
        "web": pgettext_lazy("channel", "Web portal"),
        "email": pgettext_lazy("channel", "Email"),
        "telegram": pgettext_lazy("channel", "Telegram"),
        "chat": pgettext_lazy("channel", "Web chat"),
        "x": "X",
        "phone": pgettext_lazy("channel", "Phone"),
        "agent": pgettext_lazy("channel", "Created by an agent"),
    },
    "chain": {"tron": "TRON", "evm": pgettext_lazy("chain", "EVM chains"), "btc": "Bitcoin"},
    "language": {"zh-hans": "简体中文", "en": "English", "zh-hant": "繁體中文"},
    "identity": {
        "app_user": pgettext_lazy("identity", "App user id"),
        "email": pgettext_lazy("identity", "Email"),
        "telegram": pgettext_lazy("identity", "Telegram"),
        "x": "X",
        "phone": pgettext_lazy("identity", "Phone"),
        "web": pgettext_lazy("identity", "Web visitor"),
    },
    "segment": {
        "novice": pgettext_lazy("segment", "Novice"),
        "regular": pgettext_lazy("segment", "Regular"),
        "pro": pgettext_lazy("segment", "Pro"),
    },
    "sla": {
        "first_response": pgettext_lazy("sla", "First response"),
        "next_response": pgettext_lazy("sla", "Next response"),
        "resolution": pgettext_lazy("sla", "Resolution"),
    },
    "event": {
        "created": pgettext_lazy("event", "Ticket created"),
        "status_changed": pgettext_lazy("event", "Status changed"),
        "assigned": pgettext_lazy("event", "Assigned"),
        "team_changed": pgettext_lazy("event", "Team changed"),
        "priority_changed": pgettext_lazy("event", "Priority changed"),
        "category_changed": pgettext_lazy("event", "Category changed"),
        "escalated": pgettext_lazy("event", "Escalated"),
        "handed_back": pgettext_lazy("event", "Handed back"),
        "customer_replied": pgettext_lazy("event", "Customer replied"),
        "agent_replied": pgettext_lazy("event", "Agent replied"),
        "note_added": pgettext_lazy("event", "Internal note"),
        "tagged": pgettext_lazy("event", "Tags changed"),
        "linked": pgettext_lazy("event", "Linked"),
        "merged": pgettext_lazy("event", "Merged"),
        "sla_warning": pgettext_lazy("event", "SLA warning"),
        "sla_breached": pgettext_lazy("event", "SLA breached"),
        "reminder_sent": pgettext_lazy("event", "Reminder sent"),
        "survey_sent": pgettext_lazy("event", "Survey sent"),
        "rated": pgettext_lazy("event", "Rated"),
    },
    "verdict": {
        "not_found": pgettext_lazy("verdict", "Not found"),
        "pending": pgettext_lazy("verdict", "Pending"),
        "failed": pgettext_lazy("verdict", "Failed"),
        "succeeded": pgettext_lazy("verdict", "Succeeded"),
        "address": pgettext_lazy("verdict", "Address report"),
        "unavailable": pgettext_lazy("verdict", "Could not check"),
    },
    "reason": {
        "not_found": pgettext_lazy("reason", "not on chain"),
        "found_on_other_chain": pgettext_lazy("reason", "found on another chain"),
        "waiting": pgettext_lazy("reason", "waiting for a block"),
        "nonce_gap": pgettext_lazy("reason", "nonce gap"),
        "underpriced": pgettext_lazy("reason", "fee too low"),
        "expired": pgettext_lazy("reason", "expired"),
        "out_of_energy": pgettext_lazy("reason", "out of energy"),
        "revert": pgettext_lazy("reason", "reverted"),
        "out_of_time": pgettext_lazy("reason", "out of time"),
        "bandwidth_error": pgettext_lazy("reason", "bandwidth error"),
        "out_of_gas": pgettext_lazy("reason", "out of gas"),
        "failed_other": pgettext_lazy("reason", "failed"),
        "confirming": pgettext_lazy("reason", "confirming"),
        "final": pgettext_lazy("reason", "final"),
        "active": pgettext_lazy("reason", "active"),
        "inactive": pgettext_lazy("reason", "never activated"),
        "unused": pgettext_lazy("reason", "unused"),
        "not_configured": pgettext_lazy("reason", "chain not configured"),
        "node_unavailable": pgettext_lazy("reason", "node unavailable"),
        "private_key_suspected": pgettext_lazy("reason", "looks like a private key: not looked up"),
    },
    "alert": {
        "amount_differs": pgettext_lazy("alert", "amount differs from what the customer said"),
        "recipient_differs": pgettext_lazy("alert", "recipient differs from the address quoted"),
        "recipient_lookalike": pgettext_lazy("alert", "recipient looks like a poisoned lookalike"),
        "transfer_to_token_contract": pgettext_lazy("alert", "sent to the token contract itself"),
        "wrong_network": pgettext_lazy("alert", "another network than the customer said"),
        "approval_not_transfer": pgettext_lazy("alert", "an approval, not a transfer"),
        "foreign_permission_keys": pgettext_lazy(
            "alert", "foreign keys in the account permissions"
        ),
        "no_energy": pgettext_lazy("alert", "no energy for token transfers"),
    },
    "kb_visibility": {
        "public": pgettext_lazy("kb_visibility", "Public"),
        "internal": pgettext_lazy("kb_visibility", "Internal (agents only)"),
        "draft": pgettext_lazy("kb_visibility", "Draft"),
        "archived": pgettext_lazy("kb_visibility", "Archived"),
    },
    "case_status": {
        "draft": pgettext_lazy("case_status", "Draft"),
        "published": pgettext_lazy("case_status", "Published"),
        "rejected": pgettext_lazy("case_status", "Rejected"),
    },
    "link": {
        "duplicate_of": pgettext_lazy("link", "Duplicate of"),
        "related": pgettext_lazy("link", "Related to"),
        "parent_incident": pgettext_lazy("link", "Part of incident"),
        "follow_up_of": pgettext_lazy("link", "Follow-up of"),
    },
}


_translated: dict[tuple[str, str, str], str] = {}  # (language, kind, value) -> label


def label(kind: str, value: object) -> str:
    """The label in the active language; memoized (a queue page asks for ~300 of them)."""
    key = (get_language() or "", kind, str(value))
    found = _translated.get(key)
    if found is None:
        found = str(LABELS.get(kind, {}).get(key[2], value or ""))
        if len(_translated) < 10_000:
            _translated[key] = found
    return found


def options(kind: str) -> list[tuple[str, str]]:
    return [(k, str(v)) for k, v in LABELS[kind].items()]


def options_of(kind: str, values: list[str]) -> Callable[[], list[tuple[str, str]]]:
    """Form choices for `values`, labelled in the language active when the form renders."""
    return lambda: [(v, label(kind, v)) for v in values]
