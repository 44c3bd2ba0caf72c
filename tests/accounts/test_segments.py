"""Customer segments (walletdesk.accounts.segments). Pure; no database."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from walletdesk.accounts.segments import NOVICE, PRO, REGULAR, derive_segment


@pytest.mark.parametrize(
    ("age", "tickets", "advanced", "expected"),
    [
        (None, 0, False, NOVICE),  # unknown age, no history
        (0, 0, False, NOVICE),
        (29, 1, False, NOVICE),
        (30, 0, False, REGULAR),  # 30 days is no longer new
        (29, 2, False, REGULAR),  # two tickets is not a novice any more
        (None, 2, False, REGULAR),
        (None, 9, False, REGULAR),
        (364, 9, False, REGULAR),
        (365, 0, False, PRO),  # a year old
        (5000, 0, False, PRO),
        (0, 10, False, PRO),  # many tickets
        (None, 10, False, PRO),
        (0, 0, True, PRO),  # advanced features beat everything
        (None, 0, True, PRO),
    ],
)
def test_derive_segment(age, tickets, advanced, expected):
    assert (
        derive_segment(account_age_days=age, ticket_count=tickets, uses_advanced=advanced)
        == expected
    )


def test_arguments_are_keyword_only():
    with pytest.raises(TypeError):
        derive_segment(10, 0, False)  # type: ignore[misc]


ages = st.none() | st.integers(0, 10_000)


@given(ages, st.integers(0, 100), st.booleans())
def test_segment_is_monotonic_in_experience(age, tickets, advanced):
    rank = {NOVICE: 0, REGULAR: 1, PRO: 2}
    base = rank[derive_segment(account_age_days=age, ticket_count=tickets, uses_advanced=advanced)]
    more_tickets = derive_segment(
        account_age_days=age, ticket_count=tickets + 1, uses_advanced=advanced
    )
    assert rank[more_tickets] >= base
    if age is not None:
        older = derive_segment(
            account_age_days=age + 1, ticket_count=tickets, uses_advanced=advanced
        )
        assert rank[older] >= base
    assert derive_segment(account_age_days=age, ticket_count=tickets, uses_advanced=True) == PRO
