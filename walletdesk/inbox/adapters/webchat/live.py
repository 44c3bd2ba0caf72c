"""Agent replies reach a connected visitor at once; a visitor who is away reads them on resume."""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from walletdesk.inbox.types import OutboundMessage


def session_group(public_id: str) -> str:
    return f"webchat.{public_id}"


def session_poke(outbound: OutboundMessage) -> str:
    """Outbox sender for the chat channel: the reply is already stored; tell the socket."""
    layer = get_channel_layer()
    if layer is not None and outbound.recipient:
        async_to_sync(layer.group_send)(session_group(outbound.recipient), {"type": "webchat.poke"})
    return f"chat:{outbound.delivery_id}"
