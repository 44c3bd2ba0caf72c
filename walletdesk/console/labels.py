"""Translatable labels for the ticket enumerations (the models' own labels are English only)."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LABELS: dict[str, dict[str, Promise | str]] = {
    "status": {
        "new": _("New"),
        "open": _("Open"),
        "pending": _("Waiting on customer"),
        "on_hold": _("On hold"),
        "resolved": _("Resolved"),
        "closed": _("Closed"),
    },
    "priority": {"low": _("Low"), "normal": _("Normal"), "high": _("High"), "urgent": _("Urgent")},
    "category": {
        "technical": _("Technical problem"),
        "security": _("Security"),
        "how_to": _("How-to question"),
        "account": _("Account"),
        "feedback": _("Feedback"),
        "handoff": _("Human help"),
        "other": _("Other"),
    },
    "channel": {
        "app": _("App"),
        "web": _("Web portal"),
        "email": _("Email"),
        "telegram": _("Telegram"),
        "chat": _("Web chat"),
        "x": "X",
        "phone": _("Phone"),
        "agent": _("Created by an agent"),
    },
    "chain": {"tron": "TRON", "evm": _("EVM chains"), "btc": "Bitcoin"},
    "language": {"zh-hans": "简体中文", "en": "English"},
    "segment": {"novice": _("Novice"), "regular": _("Regular"), "pro": _("Pro")},
    "sla": {
        "first_response": _("First response"),
        "next_response": _("Next response"),
        "resolution": _("Resolution"),
    },
    "event": {
        "created": _("Ticket created"),
        "status_changed": _("Status changed"),
        "assigned": _("Assigned"),
        "team_changed": _("Team changed"),
        "priority_changed": _("Priority changed"),
        "category_changed": _("Category changed"),
        "escalated": _("Escalated"),
        "handed_back": _("Handed back"),
        "customer_replied": _("Customer replied"),
        "agent_replied": _("Agent replied"),
        "note_added": _("Internal note"),
        "tagged": _("Tags changed"),
        "linked": _("Linked"),
        "merged": _("Merged"),
        "sla_warning": _("SLA warning"),
        "sla_breached": _("SLA breached"),
        "reminder_sent": _("Reminder sent"),
        "survey_sent": _("Survey sent"),
        "rated": _("Rated"),
    },
    "link": {
        "duplicate_of": _("Duplicate of"),
        "related": _("Related to"),
        "parent_incident": _("Part of incident"),
        "follow_up_of": _("Follow-up of"),
    },
}


def label(kind: str, value: object) -> str:
    return str(LABELS.get(kind, {}).get(str(value), value or ""))


def options(kind: str) -> list[tuple[str, str]]:
    return [(k, str(v)) for k, v in LABELS[kind].items()]
