"""The ticket state machine (walletdesk.tickets.workflow): pure functions, no database."""

import itertools

import pytest

from walletdesk.core.errors import InvalidTransition
from walletdesk.tickets.choices import Status
from walletdesk.tickets.workflow import (
    ALLOWED,
    DONE,
    WAITING_ON_CUSTOMER,
    ReplyOutcome,
    assert_allowed,
    can_transition,
    on_customer_reply,
    status_after_agent_reply,
)

ALL = [s.value for s in Status]

# The documented lifecycle, written out independently of ALLOWED.
EXPECTED_EDGES = {
    ("new", "open"),
    ("new", "pending"),
    ("new", "on_hold"),
    ("new", "resolved"),
    ("open", "pending"),
    ("open", "on_hold"),
    ("open", "resolved"),
    ("pending", "open"),
    ("pending", "on_hold"),
    ("pending", "resolved"),
    ("on_hold", "open"),
    ("on_hold", "pending"),
    ("on_hold", "resolved"),
    ("resolved", "open"),
    ("resolved", "closed"),
}


def test_every_status_has_a_row_in_the_table():
    assert set(ALLOWED) == set(Status)


@pytest.mark.parametrize(("current", "target"), list(itertools.product(ALL, ALL)))
def test_can_transition_matches_the_documented_lifecycle(current, target):
    assert can_transition(current, target) is ((current, target) in EXPECTED_EDGES)


@pytest.mark.parametrize(("current", "target"), sorted(EXPECTED_EDGES))
def test_assert_allowed_accepts_allowed_moves(current, target):
    assert_allowed(current, target)  # does not raise


@pytest.mark.parametrize(
    ("current", "target"),
    [
        ("closed", "open"),
        ("closed", "new"),
        ("closed", "resolved"),
        ("open", "new"),
        ("pending", "new"),
        ("open", "closed"),
        ("pending", "closed"),
        ("on_hold", "closed"),
        ("new", "closed"),
        ("resolved", "pending"),
        ("resolved", "on_hold"),
    ],
)
def test_assert_allowed_rejects_forbidden_moves(current, target):
    with pytest.raises(InvalidTransition, match=f"from {current} to {target}"):
        assert_allowed(current, target)


@pytest.mark.parametrize("status", ALL)
def test_no_status_transitions_to_itself(status):
    assert not can_transition(status, status)


@pytest.mark.parametrize("status", ALL)
def test_nothing_goes_back_to_new(status):
    assert not can_transition(status, "new")


def test_closed_is_final():
    assert ALLOWED[Status.CLOSED] == frozenset()
    assert not any(can_transition("closed", target) for target in ALL)


def test_closed_is_only_reachable_from_resolved():
    assert [s for s in ALL if can_transition(s, "closed")] == ["resolved"]


def test_every_status_can_reach_closed():
    reachable = {Status.CLOSED}
    changed = True
    while changed:
        changed = False
        for source, targets in ALLOWED.items():
            if source not in reachable and targets & reachable:
                reachable.add(source)
                changed = True
    assert reachable == set(Status)


def test_status_sets():
    assert {Status.PENDING} == WAITING_ON_CUSTOMER
    assert {Status.RESOLVED, Status.CLOSED} == DONE


@pytest.mark.parametrize("bad", ["", "reopened", "OPEN", "deleted"])
def test_unknown_statuses_are_rejected(bad):
    with pytest.raises(ValueError):
        can_transition(bad, "open")
    with pytest.raises(ValueError):
        can_transition("open", bad)


@pytest.mark.parametrize(
    ("current", "outcome"),
    [
        ("new", ReplyOutcome.KEEP),
        ("open", ReplyOutcome.KEEP),
        ("on_hold", ReplyOutcome.KEEP),
        ("pending", ReplyOutcome.REOPEN),
        ("resolved", ReplyOutcome.REOPEN),
        ("closed", ReplyOutcome.FOLLOW_UP),
    ],
)
def test_on_customer_reply(current, outcome):
    assert on_customer_reply(current) == outcome


@pytest.mark.parametrize("current", ["pending", "resolved"])
def test_reopen_outcome_is_a_legal_transition(current):
    assert on_customer_reply(current) == ReplyOutcome.REOPEN
    assert can_transition(current, "open")


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        ("new", Status.OPEN),
        ("open", Status.OPEN),
        ("pending", Status.PENDING),
        ("on_hold", Status.ON_HOLD),
        ("resolved", Status.RESOLVED),
    ],
)
@pytest.mark.parametrize("requested", [None, ""])
def test_agent_reply_without_requested_status(current, expected, requested):
    result = status_after_agent_reply(current, requested)
    assert result == expected
    assert isinstance(result, Status)


@pytest.mark.parametrize(
    ("current", "requested"),
    [
        ("new", "pending"),
        ("new", "resolved"),
        ("open", "pending"),
        ("open", "resolved"),
        ("open", "on_hold"),
        ("pending", "open"),
        ("on_hold", "pending"),
        ("resolved", "open"),
        ("resolved", "closed"),
    ],
)
def test_agent_reply_with_allowed_requested_status(current, requested):
    assert status_after_agent_reply(current, requested) == Status(requested)


@pytest.mark.parametrize("status", ["new", "open", "pending", "on_hold", "resolved"])
def test_agent_reply_requesting_the_current_status_keeps_it(status):
    assert status_after_agent_reply(status, status) == Status(status)


@pytest.mark.parametrize(
    ("current", "requested"),
    [("open", "closed"), ("pending", "new"), ("resolved", "pending"), ("open", "new")],
)
def test_agent_reply_with_forbidden_requested_status(current, requested):
    with pytest.raises(InvalidTransition):
        status_after_agent_reply(current, requested)


@pytest.mark.parametrize("requested", [None, "", "open", "resolved", "closed"])
def test_agent_cannot_reply_to_a_closed_ticket(requested):
    # Regression: requesting "closed" on a closed ticket used to slip through.
    with pytest.raises(InvalidTransition, match="follow-up"):
        status_after_agent_reply("closed", requested)


def test_agent_reply_with_unknown_requested_status():
    with pytest.raises(ValueError):
        status_after_agent_reply("open", "archived")
