"""Handing a conversation to a person: its ticket (created or updated through the ticket
services) with the transcript, and an internal note with what the assistant understood.
On the channels (the ticket exists already) the assistant's replies are posted on the ticket
and the ticket waits on the customer until it is handed over."""

from dataclasses import dataclass

from walletdesk.assistant import compose
from walletdesk.assistant.engine import Understanding
from walletdesk.assistant.models import Conversation, PostedMessage
from walletdesk.assistant.policy import Decision
from walletdesk.core.clock import now
from walletdesk.core.events import publish_on_commit, ticket_group
from walletdesk.core.taxonomy import category_for_intent
from walletdesk.guard.redaction import redact
from walletdesk.tickets import routing, workflow
from walletdesk.tickets.choices import ACTIVE_STATUSES, Category, Priority, Status
from walletdesk.tickets.models import Message, Ticket
from walletdesk.tickets.services import (
    TicketDraft,
    customer_message_add,
    note_add,
    ticket_create,
    ticket_escalate,
    ticket_tags_change,
    ticket_transition,
    ticket_triage_set,
)
from walletdesk.tickets.services.assignment import route_team
from walletdesk.tickets.services.conversation import message_build, outbound_save

HANDOVER_TAG = "assistant-handover"

HANDOFF_INTENTS = frozenset({"contact_human", "out_of_scope"})
CHAIN_OF_NETWORK = {
    "TRC20": "tron",
    "TRON": "tron",
    "ERC20": "evm",
    "BEP20": "evm",
    "Ethereum": "evm",
    "Polygon": "evm",
    "Arbitrum": "evm",
    "Bitcoin": "btc",
}


@dataclass(frozen=True)
class Handover:
    ticket: Ticket
    created: bool


def transcript(conversation: Conversation, text: str) -> str:
    """The conversation so far as the agent will read it (secrets redacted)."""
    lines = []
    for exchange in conversation.exchanges.order_by("id"):
        lines.append(f"Customer: {exchange.text}")
        if exchange.reply:
            lines.append(f"Assistant: {exchange.reply}")
    lines.append(f"Customer: {redact(text).text}")
    return "\n\n".join(lines)


def ticket_intent(conversation: Conversation, decision: Decision) -> str:
    """What the ticket is about: a handoff request keeps the topic discussed before it."""
    if decision.intent in HANDOFF_INTENTS and conversation.last_intent:
        return conversation.last_intent
    return decision.intent


def _chain(understanding: Understanding) -> str:
    for network in understanding.entities.networks:
        if network in CHAIN_OF_NETWORK:
            return CHAIN_OF_NETWORK[network]
    refs = understanding.entities.tx_hashes + understanding.entities.addresses
    chains = {c for ref in refs for c in ref["chains"]}
    return chains.pop() if len(chains) == 1 else ""


def triage_summary(
    understanding: Understanding, decision: Decision, facts: list[str], articles: list[str]
) -> dict:
    return {
        "intent": decision.intent,
        "confidence": round(decision.confidence, 3),
        "reason": str(decision.reason),
        "alternatives": [[s.intent, round(s.probability, 3)] for s in understanding.intents],
        "entities": understanding.entities.as_dict(),
        "diagnosis": facts,
        "suggested_articles": articles,
        "language": understanding.language.code,
    }


def note_text(summary: dict) -> str:
    entities = {k: v for k, v in summary["entities"].items() if v}
    head = "Assistant suggestion" if summary["reason"] == "suggested" else "Assistant handover"
    lines = [
        f"{head} ({summary['reason']}).",
        f"Intent: {summary['intent']} (confidence {summary['confidence']:.2f}); "
        + "alternatives: "
        + ", ".join(f"{i} {p:.2f}" for i, p in summary["alternatives"]),
        f"Language: {summary['language']}",
        f"Entities: {entities or 'none'}",
        "Diagnosis: " + (" ".join(summary["diagnosis"]) or "none"),
        "Suggested articles: " + (", ".join(summary["suggested_articles"]) or "none"),
    ]
    return "\n".join(lines)


def ticket_hand_over(
    *,
    conversation: Conversation,
    text: str,
    understanding: Understanding,
    decision: Decision,
    facts: list[str],
    articles: list[str],
) -> Handover:
    """Create the conversation's ticket, or add to it while it is still active."""
    summary = triage_summary(understanding, decision, facts, articles)
    body = transcript(conversation, text)
    ticket = conversation.ticket
    created = ticket is None or ticket.status not in ACTIVE_STATUSES
    if created:
        ticket = _create(conversation, body, understanding, decision, summary)
    else:
        assert ticket is not None
        ticket, _ = customer_message_add(
            ticket=ticket, body=redact(text).text, channel=conversation.channel
        )
    note_add(ticket=ticket, agent=None, body=note_text(summary))  # type: ignore[arg-type]
    return Handover(ticket=ticket, created=created)


def _create(conversation, body, understanding, decision, summary) -> Ticket:
    lines = redact(understanding.text).text.strip().splitlines()
    first_line = lines[0] if lines else ""
    intent = ticket_intent(conversation, decision)
    draft = TicketDraft(
        customer=conversation.customer,
        subject=first_line[:120] or compose.intent_label(intent, "en"),
        body=body,
        channel=conversation.channel,
        language="zh-hans" if understanding.language.is_chinese else "en",
        intent=intent,
        chain=_chain(understanding),
        metadata={**conversation.metadata, "assistant": summary},
        tags=[HANDOVER_TAG],
    )
    ticket, _token = ticket_create(draft=draft)
    return ticket


def expected_wait(ticket: Ticket) -> tuple[int | None, bool]:
    """First-response minutes of the ticket's SLA policy, and whether they are business time."""
    policy = ticket.sla_policy
    if policy is None or not policy.first_response_minutes:
        return None, False
    calendar = policy.calendar or (ticket.team.calendar if ticket.team is not None else None)
    return policy.first_response_minutes, bool(calendar and not calendar.always_open)


def reply_post(*, ticket: Ticket, text: str) -> Message:
    """The assistant's reply on the ticket, through the outbox like an agent's (no agent
    author; marked as the assistant's by a `PostedMessage`). Not a first response: a person
    has not answered."""
    message = message_build(
        ticket, Message.Direction.OUTBOUND, text, channel=ticket.channel, at=now()
    )
    outbound_save(message)
    PostedMessage.objects.create(message=message)
    publish_on_commit(
        ticket_group(ticket.id),
        {"type": "message.created", "ticket": ticket.id, "message": message.id},
    )
    return message


def ticket_status_set(ticket: Ticket, status: Status, reason: str) -> None:
    """Waiting on the customer (pending, SLA paused) while the assistant has the word;
    resolved when the customer says it is solved; open again when a person takes over."""
    if ticket.status != status and workflow.can_transition(ticket.status, status):
        ticket_transition(ticket=ticket, to=status, actor=None, reason=reason)


def ticket_queue(
    *,
    conversation: Conversation,
    understanding: Understanding,
    decision: Decision,
    facts: list[str],
    articles: list[str],
) -> Handover:
    """The channel's ticket goes to a person: the summary as an internal note, intent and
    category set when the intake left them empty (a security topic moves to the Security team
    as urgent), tagged, and open again if it was waiting on the customer."""
    assert conversation.ticket_id is not None, "a channel conversation has its ticket"
    ticket = Ticket.objects.select_for_update().get(id=conversation.ticket_id)
    summary = triage_summary(understanding, decision, facts, articles)
    note_add(ticket=ticket, agent=None, body=note_text(summary))  # type: ignore[arg-type]
    _triage(ticket, ticket_intent(conversation, decision))
    ticket_tags_change(ticket=ticket, add=[HANDOVER_TAG], remove=[], actor=None)  # type: ignore[arg-type]
    if ticket.status == Status.PENDING:
        ticket_status_set(ticket, Status.OPEN, "assistant handover")
    return Handover(ticket=ticket, created=False)


def _triage(ticket: Ticket, intent: str) -> None:
    category = category_for_intent(intent)
    if ticket.intent or category is None:
        return
    urgent = category == Category.SECURITY
    ticket_triage_set(
        ticket=ticket,
        actor=None,  # type: ignore[arg-type]
        intent=intent,
        category=category,
        priority=Priority.URGENT if urgent else None,
    )
    facts = routing.RouteFacts(category, intent, ticket.language, ticket.chain, ticket.channel)
    team, _rule = route_team(facts)
    if team is not None and team.id != ticket.team_id and ticket.is_active:
        ticket_escalate(ticket=ticket, to_team=team, reason=f"assistant: {intent}", actor=None)  # type: ignore[arg-type]
