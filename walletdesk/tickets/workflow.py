"""The ticket state machine, as pure functions on statuses.

new -> open (waiting on us) <-> pending (waiting on the customer) -> resolved -> closed;
on_hold waits on an internal team or an incident. Closed is final: a customer writing to a
closed ticket opens a follow-up ticket.
"""

from enum import StrEnum

from walletdesk.core.errors import InvalidTransition
from walletdesk.tickets.choices import Status

ALLOWED: dict[Status, frozenset[Status]] = {
    Status.NEW: frozenset({Status.OPEN, Status.PENDING, Status.ON_HOLD, Status.RESOLVED}),
    Status.OPEN: frozenset({Status.PENDING, Status.ON_HOLD, Status.RESOLVED}),
    Status.PENDING: frozenset({Status.OPEN, Status.ON_HOLD, Status.RESOLVED}),
    Status.ON_HOLD: frozenset({Status.OPEN, Status.PENDING, Status.RESOLVED}),
    Status.RESOLVED: frozenset({Status.OPEN, Status.CLOSED}),
    Status.CLOSED: frozenset(),
}

# Statuses in which the customer is the one we are waiting for: SLA clocks pause.
WAITING_ON_CUSTOMER = frozenset({Status.PENDING})
DONE = frozenset({Status.RESOLVED, Status.CLOSED})


class ReplyOutcome(StrEnum):
    KEEP = "keep"
    REOPEN = "reopen"
    FOLLOW_UP = "follow_up"


def can_transition(current: str, target: str) -> bool:
    return Status(target) in ALLOWED[Status(current)]


def assert_allowed(current: str, target: str) -> None:
    if not can_transition(current, target):
        raise InvalidTransition(f"A ticket cannot go from {current} to {target}.")


def on_customer_reply(current: str) -> ReplyOutcome:
    """What a new customer message does to a ticket in `current` status."""
    status = Status(current)
    if status == Status.CLOSED:
        return ReplyOutcome.FOLLOW_UP
    if status in (Status.PENDING, Status.RESOLVED):
        return ReplyOutcome.REOPEN
    return ReplyOutcome.KEEP


def status_after_agent_reply(current: str, requested: str | None) -> Status:
    """An agent's public reply moves a new ticket to open unless a status is asked for."""
    status = Status(current)
    if status == Status.CLOSED:
        raise InvalidTransition("A closed ticket cannot be replied to; open a follow-up ticket.")
    if requested:
        if requested != current:
            assert_allowed(current, requested)
        return Status(requested)
    return Status.OPEN if status == Status.NEW else status
