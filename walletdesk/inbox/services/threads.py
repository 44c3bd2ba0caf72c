"""Which existing ticket an inbound message continues, if any.

Strongest evidence first: our signed reply token, then message ids we know (inbound
Message-IDs and the stable ids of our deliveries), then the channel's conversation id, then a
ticket number in the subject, which counts only from the ticket's verified requester. Whatever
the evidence, a message joins a ticket only when its sender is that ticket's customer.
"""

import re

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
