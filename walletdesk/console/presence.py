"""Who is viewing or typing on a ticket: a short-lived record per ticket in Django's cache.

The websocket consumer writes here and pushes changes; the polling fallback reads and writes the
same records, so an agent without a websocket still sees (and is seen by) the others. Entries
expire after PRESENCE_TTL seconds unless refreshed by a heartbeat.
"""

import time
from dataclasses import dataclass

from django.core.cache import cache

PRESENCE_TTL = 30
STATES = ("viewing", "typing")


@dataclass(frozen=True)
class Presence:
    agent_id: int
    name: str
    state: str


def _key(ticket_id: int) -> str:
    return f"console.presence.{ticket_id}"


def _fresh(entries: dict, at: float) -> dict:
    return {k: v for k, v in entries.items() if at - v["seen"] < PRESENCE_TTL}


def presence_set(*, ticket_id: int, agent_id: int, name: str, state: str) -> None:
    state = state if state in STATES else "viewing"
    at = time.time()
    entries = _fresh(cache.get(_key(ticket_id), {}), at)
    entries[str(agent_id)] = {"name": name, "state": state, "seen": at}
    cache.set(_key(ticket_id), entries, PRESENCE_TTL * 2)


def presence_clear(*, ticket_id: int, agent_id: int) -> None:
    entries = cache.get(_key(ticket_id), {})
    if entries.pop(str(agent_id), None) is not None:
        cache.set(_key(ticket_id), entries, PRESENCE_TTL * 2)


def presence_others(*, ticket_id: int, agent_id: int) -> list[Presence]:
    entries = _fresh(cache.get(_key(ticket_id), {}), time.time())
    return [
        Presence(int(k), v["name"], v["state"])
        for k, v in sorted(entries.items())
        if k != str(agent_id)
    ]
