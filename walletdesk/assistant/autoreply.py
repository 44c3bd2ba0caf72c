"""The assistant on the channels (web chat, Telegram, email): a customer message stored by
the intake (`inbox.services.message_ingest`, which opened or continued a ticket) is answered
first by the assistant when the channel's mode allows it, until a person takes over.

Called by the task `inbox.tasks.message_followups` after the intake committed; safe to run
twice (an exchange is recorded once per message)."""

import logging

from django.db import transaction

from walletdesk.assistant import policy
from walletdesk.assistant.models import Conversation, Exchange
from walletdesk.assistant.services import Reply, assistant_reply, conversation_start
from walletdesk.core.conf import desk_setting
from walletdesk.tickets.models import Message, Ticket
from walletdesk.tickets.services.exposure import EXPOSED_TAG

log = logging.getLogger(__name__)
CHANNELS_SETTING = "ASSISTANT_CHANNELS"


def channel_modes(value: str) -> dict[str, policy.Mode]:
    """`"chat=auto,telegram=auto,email=confident"` as a mapping; unknown modes are `off`."""
    modes = {}
    for item in value.split(","):
        channel, _, mode = item.partition("=")
        if channel.strip():
            known = mode.strip().lower() in set(policy.Mode)
            modes[channel.strip()] = policy.Mode(mode.strip().lower()) if known else policy.Mode.OFF
    return modes


def channel_mode(channel: str) -> policy.Mode:
    return channel_modes(str(desk_setting(CHANNELS_SETTING))).get(channel, policy.Mode.OFF)


def _with_a_person(ticket: Ticket) -> bool:
    """A person already answered on the ticket; a machine sender's ticket; a ticket that held
    a secret (the intake warned the customer and sent it to Security as urgent)."""
    if (ticket.metadata or {}).get("quarantine"):
        return True
    if ticket.tags.filter(name=EXPOSED_TAG).exists():
        return True
    return ticket.messages.filter(
        direction=Message.Direction.OUTBOUND, author_agent__isnull=False
    ).exists()


def _conversation(message: Message) -> Conversation | None:
    """The ticket's conversation with the assistant (None once a person has it). A new one
    only when this message opened the ticket, or the assistant's last one there ended."""
    ticket = message.ticket
    latest = Conversation.objects.filter(ticket=ticket).order_by("-id").first()
    if latest is not None and latest.status == Conversation.Status.ACTIVE:
        return latest
    if (
        latest is None
        and ticket.messages.filter(direction=Message.Direction.INBOUND, id__lt=message.id).exists()
    ):
        return None  # a ticket that began without the assistant stays with people
    if latest is not None and latest.status == Conversation.Status.HANDED_OVER:
        return None
    conversation = conversation_start(
        customer=ticket.customer,
        channel=ticket.channel,
        language=ticket.language,
        metadata={"ticket": ticket.number},
    )
    conversation.ticket = ticket
    conversation.save(update_fields=["ticket"])
    return conversation


def _claim(message_id: int) -> tuple[Message, Conversation] | None:
    """The message and its conversation, with the ticket locked so that two messages of one
    customer are taken in turn; None when the assistant has nothing to do."""
    with transaction.atomic():
        message = (
            Message.objects.select_related("ticket__customer")
            .filter(id=message_id, direction=Message.Direction.INBOUND)
            .first()
        )
        if message is None or Exchange.objects.filter(message=message).exists():
            return None
        message.ticket = (
            Ticket.objects.select_for_update().select_related("customer").get(id=message.ticket_id)
        )
        if not message.ticket.is_active or _with_a_person(message.ticket):
            return None
        conversation = _conversation(message)
    return (message, conversation) if conversation is not None else None


def assistant_on_message(*, message_id: int) -> Reply | None:
    """Answer, clarify, refuse or hand over a customer's channel message, as the channel's
    mode allows; None when the assistant stays out of it (mode off, a person has it)."""
    message = Message.objects.filter(id=message_id).only("channel").first()
    if message is None or channel_mode(message.channel) == policy.Mode.OFF:
        return None
    claimed = _claim(message_id)
    if claimed is None:
        return None
    message, conversation = claimed
    return assistant_reply(
        conversation=conversation,
        text=message.body_text,
        inbound=message,
        mode=channel_mode(message.channel),
    )
