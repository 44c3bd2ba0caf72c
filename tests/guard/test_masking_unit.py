"""guard.masking: customer identities are masked for agents; who may see them whole."""

from types import SimpleNamespace

import pytest

from walletdesk.guard.masking import (
    can_reveal,
    identities_shown,
    mask_email,
    mask_handle,
    mask_identity,
    mask_phone,
)


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("alice@example.com", "al***@ex***.com"),
        ("Bob.Smith@mail.example.co.uk", "Bo***@ma***.uk"),
        ("a@b.co", "***@***.co"),
        ("not-an-email", "no***"),
        ("", ""),
    ],
)
def test_mask_email(value, masked):
    assert mask_email(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("+86 138 0013 8000", "+86***00"),
        ("0044 20 7946 0958", "+44***58"),
        ("(800) 555-0100", "80***00"),
        ("12345", "***5"),
    ],
)
def test_mask_phone(value, masked):
    assert mask_phone(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [("@alice_w", "@al***w"), ("@ab", "@a***"), ("123456789", "12***9"), ("x", "***")],
)
def test_mask_handle(value, masked):
    assert mask_handle(value) == masked


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("email", "carol.customer@example.org"),
        ("phone", "+86 139 1234 5678"),
        ("telegram", "5550001234"),
        ("x", "@carol_trader"),
        ("app_user", "app-user-000123"),
        ("web", "chat-7f3a9c2e1b"),
    ],
)
def test_mask_identity_hides_most_of_every_kind(kind, value):
    masked = mask_identity(kind, value)
    assert "***" in masked
    assert value not in masked
    shown = sum(ch.isalnum() for ch in masked)
    assert shown * 2 <= sum(ch.isalnum() for ch in value)


def test_mask_identity_dispatches_by_kind():
    assert mask_identity("email", "alice@example.com") == mask_email("alice@example.com")
    assert mask_identity("x", "@alice_w") == mask_handle("@alice_w")
    assert mask_identity("phone", "+86 138 0013 8000") == mask_phone("+86 138 0013 8000")


def _agent(role="agent", id=1):
    return SimpleNamespace(role=role, id=id)


def _ticket(category="technical", assignee_id=None):
    return SimpleNamespace(category=category, assignee_id=assignee_id)


@pytest.mark.parametrize("role", ["security", "supervisor", "admin"])
def test_investigating_roles_may_reveal(role):
    assert can_reveal(_agent(role), _ticket())


@pytest.mark.parametrize("role", ["agent", "expert", "editor"])
def test_other_roles_see_masks_on_ordinary_tickets(role):
    assert not can_reveal(_agent(role, id=7), _ticket("technical", assignee_id=7))


@pytest.mark.parametrize("category", ["account", "security"])
def test_the_assignee_of_a_ticket_that_needs_it_may_reveal(category):
    assert can_reveal(_agent(id=7), _ticket(category, assignee_id=7))
    assert not can_reveal(_agent(id=8), _ticket(category, assignee_id=7))
    assert not can_reveal(_agent(id=8), _ticket(category, assignee_id=None))


def test_no_agent_never_reveals():
    assert not can_reveal(None, _ticket("security"))


def test_identities_shown():
    rows = [SimpleNamespace(kind="email", value="alice@example.com", verified=True)]
    assert identities_shown(rows, reveal=False) == [
        {"kind": "email", "value": "al***@ex***.com", "verified": True, "masked": True}
    ]
    assert identities_shown(rows, reveal=True)[0]["value"] == "alice@example.com"
