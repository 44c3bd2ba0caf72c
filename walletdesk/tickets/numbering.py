"""Ticket numbers customers can quote: PREFIX-YEAR-SEQUENCE, e.g. WD-2026-004512."""

import re

NUMBER_RE = re.compile(r"\b([A-Z]{2,6})-(\d{4})-(\d{6,})\b")


def format_number(prefix: str, year: int, sequence: int) -> str:
    return f"{prefix}-{year}-{sequence:06d}"


def find_numbers(text: str, prefix: str) -> list[str]:
    """Ticket numbers with this install's prefix quoted anywhere in a text (case-insensitive)."""
    found = []
    for match in NUMBER_RE.finditer(text.upper()):
        if match.group(1) == prefix.upper():
            found.append(match.group(0))
    return found
