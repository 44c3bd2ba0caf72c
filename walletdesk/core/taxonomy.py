"""The assistant's and triage's shared vocabulary: intents and their categories.

`taxonomy.json` is a copy of the contract in shared/eval; a test keeps the two equal.
"""

import json
from functools import cache
from pathlib import Path

TAXONOMY_PATH = Path(__file__).with_name("taxonomy.json")


@cache
def taxonomy() -> dict:
    return json.loads(TAXONOMY_PATH.read_text(encoding="utf-8"))


@cache
def intent_categories() -> dict[str, str]:
    return {intent["slug"]: intent["category"] for intent in taxonomy()["intents"]}


def intent_slugs() -> list[str]:
    return list(intent_categories())


def category_for_intent(intent: str) -> str | None:
    """The ticket category an intent implies; the 'handoff' pseudo-category has none."""
    category = intent_categories().get(intent)
    return None if category in (None, "handoff") else category
