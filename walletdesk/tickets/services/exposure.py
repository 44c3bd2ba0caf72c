"""Secrets customers paste: redacted before anything is stored; the ticket goes to Security.

Every write of customer text (ticket creation, customer messages) passes through here, so no
channel can store a recovery phrase or a private key by forgetting to call the redactor.
"""

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import nh3

from walletdesk.accounts.models import Team
from walletdesk.guard.redaction import redact
from walletdesk.tickets.choices import Category, Priority
from walletdesk.tickets.models import Message, Tag, Ticket, TicketEvent

EXPOSED_TAG = "secret-exposed"
EXPOSED_INTENT = "seed_phrase_exposed"

# Told to the customer at once, in their language, whenever a secret was redacted.
WARNINGS = {
    "en": (
        "For your safety we removed a recovery phrase or private key from your message; it was "
        "not stored. Walletdesk staff will never ask for it. Treat this wallet as compromised: "
        "create a new wallet, write its recovery phrase down offline, and move your assets to it "
        "now. A security specialist will contact you here."
    ),
    "zh-hans": (
        "为了您的安全，我们已从您的消息中删除了助记词或私钥，它不会被保存。客服人员绝不会向您索要"
        "助记词或私钥。请将此钱包视为已泄露：立即创建一个新钱包，离线抄写新的助记词，并把资产转入"
        "新钱包。安全专员会在此与您联系。"
    ),
}


@dataclass(frozen=True)
class Cleaned:
    """Customer text with secrets replaced by markers; `kinds` names what was found."""

    text: str
    html: str
    kinds: tuple[str, ...]


def text_clean(text: str, html: str = "") -> Cleaned:
    """Redact the plain text and the (sanitized) HTML of one message.

    The HTML keeps only what nh3 allows; when the text held a secret the HTML is dropped, since
    markup can split a phrase across elements where the redactor cannot see it whole.
    """
    plain = redact(text)
    kinds = [f.kind.value for f in plain.findings]
    safe_html = ""
    if html and not kinds:
        marked = redact(nh3.clean(html))
        kinds += [f.kind.value for f in marked.findings]
        safe_html = "" if marked.findings else marked.text
    return Cleaned(plain.text, safe_html, tuple(dict.fromkeys(kinds)))


# Metadata fields whose values the sender declared to be transaction hashes: kept usable.
TX_HASH_KEYS = frozenset({"tx_hashes", "tx_hash", "txid", "transaction_hash"})


def _declared_tx(value: str) -> bool:
    return True


def value_clean(value: Any, *, tx: bool = False) -> tuple[Any, tuple[str, ...]]:
    """Redact every string inside JSON-like metadata (64-hex values under a transaction-hash
    key are kept as hashes; anything else in them is still redacted)."""
    if isinstance(value, str):
        result = redact(value, hash_is_tx=_declared_tx if tx else None)
        return result.text, tuple(f.kind.value for f in result.findings)
    if isinstance(value, dict):
        kinds: tuple[str, ...] = ()
        cleaned: dict[Any, Any] = {}
        for key, item in value.items():
            cleaned[key], found = value_clean(item, tx=key in TX_HASH_KEYS)
            kinds += found
        return cleaned, kinds
    if isinstance(value, list):
        pairs = [value_clean(item, tx=tx) for item in value]
        return [p[0] for p in pairs], tuple(k for p in pairs for k in p[1])
    return value, ()


def draft_clean(draft):  # type: ignore[no-untyped-def]  # TicketDraft; import cycle
    """A TicketDraft with its subject, body, HTML and metadata redacted, and its triage raised
    to security / urgent when anything was found."""
    subject = redact(draft.subject)
    body = text_clean(draft.body, draft.body_html)
    metadata, meta_kinds = value_clean(draft.metadata)
    found = [f.kind.value for f in subject.findings] + list(body.kinds) + [*meta_kinds]
    kinds = tuple(dict.fromkeys(found + list(draft.secrets_removed)))
    cleaned = replace(
        draft, subject=subject.text, body=body.text, body_html=body.html, metadata=metadata
    )
    if not kinds:
        return cleaned, kinds
    return replace(
        cleaned,
        category=Category.SECURITY,
        intent=draft.intent if draft.intent == EXPOSED_INTENT else EXPOSED_INTENT,
        priority=Priority.URGENT,
        tags=[*draft.tags, EXPOSED_TAG],
    ), kinds


def exposure_handle(ticket: Ticket, kinds: tuple[str, ...], *, at: datetime) -> None:
    """Record what was redacted (kinds only), warn the customer, and put the ticket with
    Security as urgent. Runs inside the caller's transaction."""
    from walletdesk.tickets.services.assignment import agent_pick, assignee_set
    from walletdesk.tickets.services.conversation import message_build, outbound_save
    from walletdesk.tickets.services.history import event_record

    event_record(ticket, TicketEvent.Kind.SECRET_REDACTED, at=at, data={"kinds": list(kinds)})
    warning = WARNINGS.get(ticket.language) or WARNINGS["en"]
    outbound_save(
        message_build(ticket, Message.Direction.OUTBOUND, warning, channel=ticket.channel, at=at)
    )
    Tag.objects.bulk_create([Tag(name=EXPOSED_TAG)], ignore_conflicts=True)
    ticket.tags.add(Tag.objects.get(name=EXPOSED_TAG))
    fields = ["updated_at"]
    if ticket.category != Category.SECURITY or ticket.priority != Priority.URGENT:
        ticket.category, ticket.priority = Category.SECURITY, Priority.URGENT
        fields += ["category", "priority"]
    security = Team.objects.filter(kind=Team.Kind.SECURITY).order_by("id").first()
    if security is not None and ticket.team_id != security.id:
        event_record(
            ticket,
            TicketEvent.Kind.TEAM_CHANGED,
            at=at,
            data={"from_team": ticket.team_id, "to_team": security.id, "reason": "secret"},
        )
        ticket.team, ticket.assignee = security, None
        assignee_set(ticket, agent_pick(ticket, at), actor=None, at=at).save()
        fields += ["team", "assignee"]
    ticket.updated_at = at
    ticket.save(update_fields=fields)
