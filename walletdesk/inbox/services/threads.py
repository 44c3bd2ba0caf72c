"""Which existing ticket an inbound message continues, if any.

Strongest evidence first: our signed reply token, then message ids we know (inbound
Message-IDs and the stable ids of our deliveries), then the channel's conversation id, then a
ticket number in the subject, which counts only from the ticket's verified requester. Whatever
the evidence, a message joins a ticket only when its sender is that ticket's customer.
"""

import re
from dataclasses import dataclass

from django.db.models import Q
from django.utils.crypto import constant_time_compare, salted_hmac

from walletdesk.accounts.models import Customer
from walletdesk.inbox.models import Delivery
from walletdesk.inbox.types import InboundMessage
from walletdesk.tickets.models import Message, Ticket

REPLY_TOKEN_SALT = "walletdesk.inbox.reply"  # noqa: S105 (a namespace, not a secret)
MERGE_HOPS = 5
TOKEN_MAC_CHARS = 20
TOKEN_RE = re.compile(r"t([0-9]{1,18})x([0-9a-f]{20})")


def _mac(ticket_id: int) -> str:
    mac = salted_hmac(REPLY_TOKEN_SALT, str(ticket_id), algorithm="sha256")
    return mac.hexdigest()[:TOKEN_MAC_CHARS]


def reply_token_for(ticket: Ticket) -> str:
    """A signed token naming the ticket, safe in an email local part ("support+<token>@…")."""
    return f"t{ticket.id}x{_mac(ticket.id)}"


def ticket_from_reply_token(token: str) -> int | None:
    match = TOKEN_RE.fullmatch(token.strip().lower())
    if match is None:
        return None
    ticket_id = int(match.group(1))
    return ticket_id if constant_time_compare(match.group(2), _mac(ticket_id)) else None


def _by_token(inbound: InboundMessage) -> int | None:
    token = inbound.thread.reply_token
    return ticket_from_reply_token(token) if token else None


def _by_message_ids(inbound: InboundMessage) -> int | None:
    ids = [i for i in (inbound.thread.in_reply_to, *inbound.thread.references) if i]
    if not ids:
        return None
    ids = ids[-50:]
    found = (
        Delivery.objects.filter(external_id__in=ids)
        .order_by("-id")
        .values_list("message__ticket_id", flat=True)
        .first()
    )
    if found is None:
        found = (
            Message.objects.filter(channel=inbound.channel, external_id__in=ids)
            .exclude(external_id="")  # the unique index is partial on this condition
            .order_by("-id")
            .values_list("ticket_id", flat=True)
            .first()
        )
    return found


def _by_conversation(inbound: InboundMessage, customer: Customer) -> Ticket | None:
    """The customer's latest ticket of this conversation, read and locked at once (the
    customer matches by construction)."""
    conversation = inbound.thread.conversation_id
    if not conversation:
        return None
    return (
        Ticket.objects.select_for_update()
        .filter(customer=customer, channel=inbound.channel, metadata__conversation_id=conversation)
        .order_by("-id")
        .first()
    )


def _by_number(inbound: InboundMessage) -> int | None:
    if not (inbound.thread.ticket_number and inbound.sender.verified):
        return None
    return (
        Ticket.objects.filter(number=inbound.thread.ticket_number.upper())
        .values_list("id", flat=True)
        .first()
    )


def _followed(ticket: Ticket) -> Ticket:
    for _ in range(MERGE_HOPS):
        if ticket.merged_into_id is None:
            break
        ticket = Ticket.objects.select_for_update().get(id=ticket.merged_into_id)
    return ticket


def thread_find(inbound: InboundMessage, customer: Customer) -> Ticket | None:
    """The customer's ticket this message continues, locked for update; None for a new one."""
    finders = (
        lambda: _by_token(inbound),
        lambda: _by_message_ids(inbound),
        lambda: _by_conversation(inbound, customer),
        lambda: _by_number(inbound),
    )
    for find in finders:
        found = find()
        if found is None:
            continue
        if isinstance(found, Ticket):
            ticket: Ticket | None = found
        else:
            ticket = Ticket.objects.select_for_update().filter(id=found).first()
        if ticket is not None and ticket.customer_id == customer.id:
            ticket.customer = customer  # already read: the ticket services need not again
            return _followed(ticket)
    return None


@dataclass(frozen=True, slots=True)
class _Evidence:
    """What the messages of a batch name, looked up once for all of them."""

    deliveries: dict[str, tuple[int, int]]  # our Message-ID -> (delivery id, ticket id)
    messages: dict[tuple[str, str], tuple[int, int]]  # (channel, id) -> (message id, ticket id)
    conversations: dict[tuple[int, str, str], int]  # (customer, channel, conversation) -> ticket


def threads_find(pairs: list[tuple[InboundMessage, Customer]]) -> list[Ticket | None]:
    """`thread_find` for the messages of a batch, with the same evidence in the same order, in a
    few statements for all of them; the tickets found are locked in one statement, in id order,
    so two drains never wait on each other in a circle. One Ticket object per ticket."""
    evidence = _evidence(pairs)
    candidates = [_candidates(inbound, customer, evidence) for inbound, customer in pairs]
    named = {ticket_id for found in candidates for ticket_id in found}
    owners = dict(Ticket.objects.filter(id__in=named).values_list("id", "customer_id"))
    chosen = [
        next((t for t in found if owners.get(t) == customer.id), None)
        for found, (_inbound, customer) in zip(candidates, pairs, strict=True)
    ]
    ids = sorted({ticket_id for ticket_id in chosen if ticket_id is not None})
    locked = Ticket.objects.select_for_update().filter(id__in=ids).order_by("id") if ids else []
    fresh = {ticket.id: ticket for ticket in locked}
    return [
        _owned(fresh.get(ticket_id) if ticket_id else None, customer)
        for ticket_id, (_inbound, customer) in zip(chosen, pairs, strict=True)
    ]


def _owned(ticket: Ticket | None, customer: Customer) -> Ticket | None:
    if ticket is None or ticket.customer_id != customer.id:  # changed hands before the lock
        return None
    ticket.customer = customer  # already read: the ticket services need not again
    return _followed(ticket)  # merged (rare): the target is locked on the way


def _message_ids(inbound: InboundMessage) -> list[str]:
    return [i for i in (inbound.thread.in_reply_to, *inbound.thread.references) if i][-50:]


def _evidence(pairs: list[tuple[InboundMessage, Customer]]) -> _Evidence:
    ids = {(inbound.channel, i) for inbound, _ in pairs for i in _message_ids(inbound)}
    return _Evidence(_deliveries(ids), _messages(ids), _conversations(pairs))


def _deliveries(ids: set[tuple[str, str]]) -> dict[str, tuple[int, int]]:
    if not ids:
        return {}
    rows = Delivery.objects.filter(external_id__in={i for _, i in ids}).values_list(
        "external_id", "id", "message__ticket_id"
    )
    return {external_id: (delivery, ticket) for external_id, delivery, ticket in rows}


def _messages(ids: set[tuple[str, str]]) -> dict[tuple[str, str], tuple[int, int]]:
    if not ids:
        return {}
    rows = (
        Message.objects.filter(channel__in={c for c, _ in ids}, external_id__in={i for _, i in ids})
        .exclude(external_id="")  # the unique index is partial on this condition
        .values_list("channel", "external_id", "id", "ticket_id")
    )
    return {(channel, external_id): (m, t) for channel, external_id, m, t in rows}


def _conversations(pairs: list[tuple[InboundMessage, Customer]]) -> dict[tuple[int, str, str], int]:
    """The latest ticket of each (customer, channel, conversation) named, in one query."""
    wanted = Q()
    for inbound, customer in pairs:
        if conversation := inbound.thread.conversation_id:
            wanted |= Q(
                customer=customer, channel=inbound.channel, metadata__conversation_id=conversation
            )
    if not wanted:
        return {}
    latest: dict[tuple[int, str, str], int] = {}
    rows = Ticket.objects.filter(wanted).values_list(
        "id", "customer_id", "channel", "metadata__conversation_id"
    )
    for ticket_id, customer_id, channel, conversation in rows:
        key = (customer_id, channel, conversation)
        latest[key] = max(ticket_id, latest.get(key, 0))
    return latest


def _candidates(inbound: InboundMessage, customer: Customer, evidence: _Evidence) -> list[int]:
    """The tickets the message's evidence names, strongest first (as thread_find's finders)."""
    found = [_by_token(inbound)]
    ids = _message_ids(inbound)
    ours = [evidence.deliveries[i] for i in ids if i in evidence.deliveries]
    theirs = [
        evidence.messages[(inbound.channel, i)]
        for i in ids
        if (inbound.channel, i) in evidence.messages
    ]
    found.append(max(ours)[1] if ours else max(theirs)[1] if theirs else None)
    conversation = (customer.id, inbound.channel, inbound.thread.conversation_id)
    found.append(evidence.conversations.get(conversation) if conversation[2] else None)
    found.append(_by_number(inbound))
    return [ticket_id for ticket_id in found if ticket_id is not None]
