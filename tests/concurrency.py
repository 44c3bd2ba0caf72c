"""Running the same database work in several threads at once (tests on PostgreSQL)."""

import threading
from collections.abc import Callable

from django.db import connection


def run_in_threads(work: Callable[[], object], threads: int = 2, timeout: float = 120) -> list[str]:
    """Start `work` in `threads` threads together, each on its own database connection (closed
    when it ends), wait for them; the exceptions they raised, as reprs (empty: none)."""
    errors: list[str] = []

    def run() -> None:
        try:
            work()
        except Exception as exc:
            errors.append(repr(exc))
        finally:
            connection.close()

    started = [threading.Thread(target=run) for _ in range(threads)]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join(timeout=timeout)
    return errors
