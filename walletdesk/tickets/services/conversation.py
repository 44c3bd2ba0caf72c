"""Messages on a ticket: the customer's, agents' public replies and internal notes."""

from dataclasses import dataclass
from datetime import datetime

import nh3
from django.db import transaction

from walletdesk.accounts.models import Agent
from walletdesk.core.bulk import bulk_set
from walletdesk.core.clock import now
from walletdesk.core.errors import InvalidInput
from walletdesk.core.events import publish_on_commit, ticket_group
from walletdesk.tickets import workflow
from walletdesk.tickets.choices import Channel, SlaKind
from walletdesk.tickets.models import Message, Ticket
from walletdesk.tickets.services import sla_clock
from walletdesk.tickets.services.exposure import Cleaned, exposure_handle, text_clean
from walletdesk.tickets.services.history import event_build, event_record, events_record
from walletdesk.tickets.services.lifecycle import RESPONSE_KINDS, status_apply
from walletdesk.tickets.services.screening import links_flag

# Channels where we push replies out; elsewhere the customer reads them in the portal or app.
PUSH_CHANNELS = frozenset({Channel.EMAIL, Channel.TELEGRAM, Channel.X})
SANITIZED_BODY_LIMIT = 100_000


def message_build(
    ticket: Ticket,
    direction: str,
    body: str,
    *,
    channel: str,
    at: datetime,
    agent: Agent | None = None,
    external_id: str = "",
    body_html: str = "",
) -> Message:
    delivery = Message.Delivery.NOT_APPLICABLE
    if direction == Message.Direction.OUTBOUND:
        delivery = (
            Message.Delivery.QUEUED if channel in PUSH_CHANNELS else Message.Delivery.DELIVERED
        )
    return Message(
        ticket=ticket,
        direction=direction,
        channel=channel,
        author_agent=agent,
        author_customer=ticket.customer if direction == Message.Direction.INBOUND else None,
        body_text=body[:SANITIZED_BODY_LIMIT],
        body_html=nh3.clean(body_html) if body_html else "",
        external_id=external_id,
        delivery_status=delivery,
        created_at=at,
    )


def outbound_save(message: Message) -> Message:
    """Store an outbound message; one pushed to the customer's channel goes into the outbox
    (sent after commit, retried until delivered), except to a quarantined machine sender."""
    message.save()
    quarantined = (message.ticket.metadata or {}).get("quarantine")
    if message.delivery_status == Message.Delivery.QUEUED and not quarantined:
        from walletdesk.inbox.services import delivery_queue

        delivery_queue(message=message)
    return message


@transaction.atomic(savepoint=False)  # nested: one failure rolls back all
def customer_message_add(
    *,
    ticket: Ticket,
    body: str,
    channel: str,
    external_id: str = "",
    body_html: str = "",
    secrets_removed: tuple[str, ...] = (),
) -> tuple[Ticket, Message]:
    """A customer writes on a ticket. Returns the ticket that took the message: a closed
    ticket does not reopen, a follow-up ticket linked to it takes the message instead.
    `secrets_removed`: kinds of secrets the channel already replaced by markers in `body`."""
    outcome = workflow.on_customer_reply(ticket.status)
    if outcome == workflow.ReplyOutcome.FOLLOW_UP:
        from walletdesk.tickets.services.creation import ticket_follow_up_create

        return ticket_follow_up_create(
            ticket=ticket,
            body=body,
            channel=channel,
            external_id=external_id,
            secrets_removed=secrets_removed,
        )
    at = now()
    cleaned = text_clean(body, body_html)
    message = _customer_message_build(ticket, cleaned, channel, external_id, at)
    message.save()
    ticket.last_customer_message_at = ticket.updated_at = at
    ticket.save(update_fields=["last_customer_message_at", "updated_at"])
    event_record(ticket, "customer_replied", by_customer=True, data={"message": message.id}, at=at)
    _customer_text_after(ticket, outcome, cleaned, secrets_removed, at)
    return ticket, message


@dataclass(frozen=True)
class CustomerText:
    """One message of `customer_messages_add` (the arguments of customer_message_add)."""

    ticket: Ticket
    body: str
    channel: str
    external_id: str = ""
    body_html: str = ""
    secrets_removed: tuple[str, ...] = ()


@transaction.atomic(savepoint=False)  # nested: one failure rolls back all
def customer_messages_add(*, texts: list[CustomerText]) -> list[tuple[Ticket, Message]]:
    """customer_message_add for several messages (a drained intake batch; one Ticket object
    per ticket): the messages, the tickets' times and the events are written with one
    statement each; reopening, a secret, flagged links and the next-response SLA are handled
    per message as there. A message to a closed ticket goes to a follow-up ticket as there."""
    at = now()
    outcomes = [workflow.on_customer_reply(text.ticket.status) for text in texts]
    added = [n for n, o in enumerate(outcomes) if o != workflow.ReplyOutcome.FOLLOW_UP]
    cleaned = {n: text_clean(texts[n].body, texts[n].body_html) for n in added}
    messages = _customer_messages_store(texts, cleaned, at)
    for n in added:
        _customer_text_after(texts[n].ticket, outcomes[n], cleaned[n], texts[n].secrets_removed, at)
    return [
        (texts[n].ticket, messages[n]) if n in messages else _follow_up(texts[n])
        for n in range(len(texts))
    ]


def _customer_messages_store(
    texts: list[CustomerText], cleaned: dict[int, Cleaned], at: datetime
) -> dict[int, Message]:
    """The messages (by position), the tickets' times and the events: one statement each."""
    messages = {
        n: _customer_message_build(
            texts[n].ticket, clean, texts[n].channel, texts[n].external_id, at
        )
        for n, clean in cleaned.items()
    }
    Message.objects.bulk_create(list(messages.values()))
    tickets = [texts[n].ticket for n in messages]
    for ticket in tickets:
        ticket.last_customer_message_at = ticket.updated_at = at
    bulk_set(tickets, ["last_customer_message_at", "updated_at"])
    data = [(m.ticket, {"message": m.id}) for m in messages.values()]
    events_record(
        [event_build(t, "customer_replied", by_customer=True, data=d, at=at) for t, d in data]
    )
    return messages


def _customer_message_build(
    ticket: Ticket, cleaned: Cleaned, channel: str, external_id: str, at: datetime
) -> Message:
    return message_build(
        ticket,
        Message.Direction.INBOUND,
        cleaned.text,
        channel=channel,
        at=at,
        external_id=external_id,
        body_html=cleaned.html,
    )


def _customer_text_after(
    ticket: Ticket,
    outcome: workflow.ReplyOutcome,
    cleaned: Cleaned,
    secrets_removed: tuple[str, ...],
    at: datetime,
) -> None:
    """What a customer's message sets in motion on its ticket, after the message is stored."""
    if outcome == workflow.ReplyOutcome.REOPEN:
        status_apply(ticket, "open", actor=None, at=at, by_customer=True)
    if kinds := tuple(dict.fromkeys([*cleaned.kinds, *secrets_removed])):
        exposure_handle(ticket, kinds, at=at)
    links_flag(ticket, cleaned.text)
    customer_text_followups(ticket)
    if ticket.first_response_at is not None:
        sla_clock.targets_start(ticket, [SlaKind.NEXT_RESPONSE], at)
        ticket.save(update_fields=["sla_due_at", "sla_next_check_at"])


def _follow_up(text: CustomerText) -> tuple[Ticket, Message]:
    return customer_message_add(
        ticket=text.ticket,
        body=text.body,
        channel=text.channel,
        external_id=text.external_id,
        body_html=text.body_html,
        secrets_removed=text.secrets_removed,
    )


@transaction.atomic
def reply_send(
    *, ticket: Ticket, agent: Agent, body: str, status: str | None = None, body_html: str = ""
) -> Message:
    """An agent's public reply; optionally sets the status in the same step (e.g. pending).
    A reply that asks for a secret or links to a phishing site is refused with the reason."""
    reply_check(body, ticket.language)
    target = workflow.status_after_agent_reply(ticket.status, status)
    at = now()
    message = message_build(
        ticket,
        Message.Direction.OUTBOUND,
        body,
        channel=ticket.channel,
        at=at,
        agent=agent,
        body_html=body_html,
    )
    outbound_save(message)
    if ticket.first_response_at is None:
        ticket.first_response_at = at
    ticket.updated_at = at
    sla_clock.targets_finish(ticket, RESPONSE_KINDS, at, achieved=True)
    ticket.save(
        update_fields=["first_response_at", "updated_at", "sla_due_at", "sla_next_check_at"]
    )
    event_record(ticket, "agent_replied", actor=agent, data={"message": message.id}, at=at)
    status_apply(ticket, target, actor=agent, at=at)
    return message


@transaction.atomic
def note_add(*, ticket: Ticket, agent: Agent | None, body: str) -> Message:
    """An internal note: never shown to the customer, stops no SLA clock. Without an agent it
    is the system's (e.g. a chain diagnosis)."""
    at = now()
    message = message_build(
        ticket, Message.Direction.NOTE, body, channel=ticket.channel, at=at, agent=agent
    )
    message.save()
    event_record(ticket, "note_added", actor=agent, data={"message": message.id}, at=at)
    publish_on_commit(ticket_group(ticket.id), {"type": "ticket.updated", "ticket": ticket.id})
    return message


def customer_text_followups(ticket: Ticket) -> None:
    """Work queued after commit whenever a customer writes: the chain diagnosis of what they
    quoted (a no-op when no chain is configured)."""
    from walletdesk.chain.services import ticket_diagnose_on_commit

    ticket_diagnose_on_commit(ticket_id=ticket.id)


def reply_check(body: str, language: str) -> None:
    """Refuse replies the guard objects to (asking for a recovery phrase or key, containing one,
    linking to a blocked or look-alike domain); the message says why, in the agent's terms."""
    from walletdesk.guard.selectors import reply_problems

    problems = reply_problems(body, language or "en")
    if problems:
        raise InvalidInput(" ".join(p.message for p in problems), code="reply_blocked")
