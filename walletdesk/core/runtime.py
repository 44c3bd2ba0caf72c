"""Process tuning for long-running servers and workers."""

import gc


def gc_freeze_startup() -> None:
    """Move everything loaded at startup (modules, settings, URL resolvers, models) out of the
    cyclic garbage collector's reach. Without this, each full collection walks those ~200,000
    objects again: measured at 280 ms on a request, the tail of every latency figure."""
    gc.collect()
    gc.freeze()
