"""Realtime events, published to the channel layer only after the transaction commits."""

import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)


def ticket_group(ticket_id: int) -> str:
    return f"ticket.{ticket_id}"


def team_group(team_id: int) -> str:
    return f"team.{team_id}"


def publish_on_commit(group: str, message: dict[str, Any]) -> None:
    transaction.on_commit(lambda: _publish(group, message))


def _publish(group: str, message: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, message)
    except Exception:  # a realtime hiccup must never break a committed write
        logger.exception("publishing %s to %s failed", message.get("type"), group)
