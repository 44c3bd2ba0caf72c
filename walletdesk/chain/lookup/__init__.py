"""Read-only chain look-ups behind one interface (:class:`ChainClient`).

Each client has timeouts (core.http), retries with backoff and a circuit breaker
(resilience.Resilient), and caches its answers in the Django cache.
"""

from .base import ChainClient
from .facts import BTC, TRON, AddressFacts, TokenTransfer, TxFacts, evm_key
from .registry import configured_clients, evm_clients
from .resilience import (
    BadAnswer,
    ChainLookupError,
    NotConfigured,
    RateLimited,
    Unavailable,
    breakers_reset,
)

__all__ = [
    "BTC",
    "TRON",
    "AddressFacts",
    "BadAnswer",
    "ChainClient",
    "ChainLookupError",
    "NotConfigured",
    "RateLimited",
    "TokenTransfer",
    "TxFacts",
    "Unavailable",
    "breakers_reset",
    "configured_clients",
    "evm_clients",
    "evm_key",
]
