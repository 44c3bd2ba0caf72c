"""Ticket numbers (walletdesk.tickets.numbering). Pure; no database."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from walletdesk.tickets.numbering import NUMBER_RE, find_numbers, format_number


@pytest.mark.parametrize(
    ("prefix", "year", "sequence", "expected"),
    [
        ("WD", 2026, 4512, "WD-2026-004512"),
        ("WD", 2026, 1, "WD-2026-000001"),
        ("WD", 2026, 0, "WD-2026-000000"),
        ("WD", 2027, 999_999, "WD-2027-999999"),
        ("WD", 2027, 1_234_567, "WD-2027-1234567"),  # grows past six digits
        ("WDESK", 2030, 42, "WDESK-2030-000042"),
    ],
)
def test_format_number(prefix, year, sequence, expected):
    assert format_number(prefix, year, sequence) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("About WD-2026-004512, please help", ["WD-2026-004512"]),
        ("wd-2026-004512", ["WD-2026-004512"]),  # case-insensitive, returned upper-case
        ("Re: [Wd-2026-000007] still stuck", ["WD-2026-000007"]),
        ("WD-2026-004512 and WD-2025-000001.", ["WD-2026-004512", "WD-2025-000001"]),
        ("WD-2026-004512 again WD-2026-004512", ["WD-2026-004512", "WD-2026-004512"]),
        ("(WD-2026-1234567)", ["WD-2026-1234567"]),
        ("no number here", []),
        ("", []),
        ("WD-2026-04512", []),  # five-digit sequence
        ("WD-26-004512", []),  # two-digit year
        ("WD 2026 004512", []),
        ("XX-2026-004512", []),  # another install's prefix
        ("AWD-2026-004512", []),  # prefix is only a suffix of the quoted one
        ("WDX-2026-004512", []),
        ("2WD-2026-004512", []),  # glued to a digit
        ("WD-2026-004512X", []),  # glued to a letter
        ("tx 0xWD-2026-004512", []),
        ("see WD-2026-004512/reply", ["WD-2026-004512"]),
    ],
)
def test_find_numbers(text, expected):
    assert find_numbers(text, "WD") == expected


def test_find_numbers_prefix_is_case_insensitive():
    assert find_numbers("ticket WD-2026-000123", "wd") == ["WD-2026-000123"]


@pytest.mark.parametrize("prefix", ["W", "WALLETDK"])  # outside the 2-6 letter range
def test_prefixes_outside_the_pattern_are_never_found(prefix):
    assert find_numbers(format_number(prefix, 2026, 1), prefix) == []


prefixes = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=6)


@given(
    prefixes,
    st.integers(1000, 9999),
    st.integers(0, 10**9),
    st.text(max_size=20),
    st.text(max_size=20),
)
def test_formatted_numbers_are_found_in_any_surrounding_text(prefix, year, sequence, left, right):
    number = format_number(prefix, year, sequence)
    assert NUMBER_RE.fullmatch(number)
    found = find_numbers(f"{left} {number} {right}", prefix)
    assert number in found
