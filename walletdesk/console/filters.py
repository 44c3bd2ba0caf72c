"""Queue parameters from a query string to QueueFilters (pure: no ORM)."""

from collections.abc import Mapping

from walletdesk.accounts.models import Customer, Language
from walletdesk.tickets.choices import Category, Chain, Channel, Priority, Status
from walletdesk.tickets.selectors import QUEUES, QueueFilters

CHOICES: dict[str, frozenset[str]] = {
    "status": frozenset(Status.values),
    "priority": frozenset(Priority.values),
    "category": frozenset(Category.values),
    "channel": frozenset(Channel.values),
    "language": frozenset(Language.values),
    "chain": frozenset(Chain.values),
    "segment": frozenset(Customer.Segment.values),
}
FREE_TEXT = ("intent", "tag", "q")
NUMERIC = ("team", "assignee")
SAVABLE_PARAMS = frozenset({"queue", "sort", *CHOICES, *FREE_TEXT, *NUMERIC})
SORTS = ("newest", "sla_due")


def _number(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


def filters_from_params(params: Mapping[str, str]) -> QueueFilters:
    """Unknown or invalid values are dropped rather than refused: a stale link still opens."""
    queue = params.get("queue") or "open"
    fields: dict = {
        "queue": queue if queue in QUEUES else "open",
        "sort": params.get("sort") if params.get("sort") in SORTS else "newest",
    }
    for name, allowed in CHOICES.items():
        value = params.get(name)
        fields[name] = value if value in allowed else None
    for name in FREE_TEXT:
        value = (params.get(name) or "").strip()[:100]
        fields[name] = value or None
    for name in NUMERIC:
        fields[name] = _number(params.get(name))
    return QueueFilters(**fields)


def params_of(filters: QueueFilters) -> dict[str, str]:
    """The non-empty query parameters that reproduce `filters`."""
    out = {}
    for name in SAVABLE_PARAMS:
        value = getattr(filters, name)
        if value not in (None, ""):
            out[name] = str(value)
    return out
