"""The one source of 'now', so tests, demo data and the SLA worker can reason about time."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

_local = threading.local()


def now() -> datetime:
    fixed = getattr(_local, "fixed", None)
    return fixed if fixed is not None else datetime.now(UTC)


@contextmanager
def frozen_at(moment: datetime) -> Iterator[None]:
    """Make now() return `moment` in this thread (for tests and back-dated demo data)."""
    previous = getattr(_local, "fixed", None)
    _local.fixed = moment
    try:
        yield
    finally:
        _local.fixed = previous
