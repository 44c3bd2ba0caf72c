"""Errors, retries with backoff, a circuit breaker and a cache shared by every chain client."""

from __future__ import annotations

import hashlib
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache

from walletdesk.core.http import OutboundBlocked, OutboundError

logger = logging.getLogger(__name__)


class ChainLookupError(Exception):
    """A look-up did not give an answer. ``retryable`` says whether trying again may help."""

    code = "lookup_failed"
    retryable = False

    def __init__(self, message: str, *, chain: str = "") -> None:
        super().__init__(message)
        self.chain = chain


class NotConfigured(ChainLookupError):
    code = "not_configured"


class Unavailable(ChainLookupError):
    """The node is down, slow, or answered garbage; or the circuit is open."""

    code = "unavailable"
    retryable = True


class RateLimited(ChainLookupError):
    code = "rate_limited"
    retryable = True

    def __init__(self, message: str, *, chain: str = "", retry_after: float | None = None):
        super().__init__(message, chain=chain)
        self.retry_after = retry_after


class BadAnswer(ChainLookupError):
    """The node refused the request itself (an error body): trying again will not help."""

    code = "bad_answer"


def lookup_config() -> dict[str, Any]:
    return settings.CHAIN


@dataclass
class CircuitBreaker:
    """Opens after ``failures`` consecutive failures; one trial call after ``reset_seconds``."""

    failures: int
    reset_seconds: float
    clock: Callable[[], float] = time.monotonic
    _count: int = 0
    _opened_at: float | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def is_open(self) -> bool:
        with self._lock:
            if self._opened_at is None:
                return False
            return self.clock() - self._opened_at < self.reset_seconds

    def before_call(self, name: str) -> None:
        if self.is_open:
            raise Unavailable(f"{name}: circuit open after repeated failures", chain=name)

    def record_success(self) -> None:
        with self._lock:
            self._count = 0
            self._opened_at = None

    def record_failure(self) -> None:
        with self._lock:
            self._count += 1
            if self._count >= self.failures:
                self._opened_at = self.clock()


_breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(name: str) -> CircuitBreaker:
    """One breaker per endpoint per process."""
    with _breakers_lock:
        if name not in _breakers:
            conf = lookup_config()
            _breakers[name] = CircuitBreaker(
                conf["BREAKER_FAILURES"], conf["BREAKER_RESET_SECONDS"]
            )
        return _breakers[name]


def breakers_reset() -> None:
    with _breakers_lock:
        _breakers.clear()


def _map_outbound(name: str, exc: OutboundError) -> ChainLookupError:
    if isinstance(exc, OutboundBlocked):
        return NotConfigured(f"{name}: {exc}", chain=name)
    return Unavailable(f"{name}: {exc}", chain=name)


@dataclass
class Resilient:
    """Runs one node call with retries (exponential backoff with jitter) behind a breaker."""

    name: str
    retries: int
    backoff: float
    breaker: CircuitBreaker
    sleep: Callable[[float], None] = time.sleep
    calls: int = 0  # node calls made, for the benchmark's "cost per diagnosis"

    def call[R](self, fn: Callable[[], R]) -> R:
        attempt = 0
        while True:
            self.breaker.before_call(self.name)
            try:
                self.calls += 1
                result = fn()
            except OutboundError as exc:
                error: ChainLookupError = _map_outbound(self.name, exc)
            except ChainLookupError as exc:
                error = exc
            else:
                self.breaker.record_success()
                return result
            if error.retryable or isinstance(error, RateLimited):
                self.breaker.record_failure()
            if not error.retryable or attempt >= self.retries:
                raise error
            self.sleep(self._delay(attempt, error))
            attempt += 1

    def _delay(self, attempt: int, error: ChainLookupError) -> float:
        delay = self.backoff * (2**attempt) * (0.5 + random.random())  # jitter
        if isinstance(error, RateLimited) and error.retry_after:
            delay = max(delay, min(error.retry_after, 5.0))
        return delay


def cache_key(*parts: str) -> str:
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
    return f"chain:{parts[0]}:{digest}"


def cached[T](key: str, compute: Callable[[], T], ttl: Callable[[T], int]) -> T:
    """Django-cache ``compute()`` under ``key`` for ``ttl(result)`` seconds (0 = do not keep)."""
    hit = cache.get(key)
    if hit is not None:
        return hit
    value = compute()
    seconds = ttl(value)
    if seconds > 0:
        cache.set(key, value, seconds)
    return value
