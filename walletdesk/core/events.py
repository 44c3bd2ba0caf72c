"""Realtime events, published to the channel layer only after the transaction commits.

Publishing never blocks the request: the message is handed to an event loop and sent from
there. The loop is the ASGI server's own when there is one (the in-memory layer's queues live
there), else one long-lived loop thread per process, so a network layer (Redis) keeps its
connections instead of opening them on a fresh loop for every message.
"""

import asyncio
import logging
import os
import threading
from typing import Any

from asgiref.sync import SyncToAsync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)

_serving_loop: asyncio.AbstractEventLoop | None = None
_background: tuple[int, asyncio.AbstractEventLoop] | None = None
_background_lock = threading.Lock()


def ticket_group(ticket_id: int) -> str:
    return f"ticket.{ticket_id}"


def team_group(team_id: int) -> str:
    return f"team.{team_id}"


def publish_on_commit(group: str, message: dict[str, Any]) -> None:
    """Send `message` to `group` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: publish(group, message))


def publish(group: str, message: dict[str, Any]) -> "asyncio.Future[None] | None":
    """Hand a message to the channel layer without waiting; returns the pending send."""
    layer = get_channel_layer()
    if layer is None:
        return None
    send = _send(layer, group, message)
    try:
        return asyncio.run_coroutine_threadsafe(send, _target_loop())  # type: ignore[return-value]
    except RuntimeError:  # the loop is shutting down
        send.close()
        logger.warning("dropped realtime %s to %s: no event loop", message.get("type"), group)
        return None


def serving_loop_set(loop: asyncio.AbstractEventLoop) -> None:
    """Called by the ASGI app: sync code in other threads publishes onto this loop."""
    global _serving_loop
    _serving_loop = loop


async def _send(layer: Any, group: str, message: dict[str, Any]) -> None:
    try:
        await layer.group_send(group, message)
    except Exception:  # a realtime hiccup must never break a committed write
        logger.exception("publishing %s to %s failed", message.get("type"), group)


def _target_loop() -> asyncio.AbstractEventLoop:
    calling = getattr(SyncToAsync.threadlocal, "main_event_loop", None)
    for loop in (calling, _serving_loop):
        if loop is not None and loop.is_running():
            return loop
    return _background_loop()


def _background_loop() -> asyncio.AbstractEventLoop:
    global _background
    with _background_lock:
        if _background is None or _background[0] != os.getpid():  # new process after fork
            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, name="walletdesk-events", daemon=True).start()
            _background = (os.getpid(), loop)
        return _background[1]
