"""The interface every chain client implements, and the HTTP plumbing they share."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any, Protocol

import httpx

from walletdesk.core.http import OutboundClient, outbound_client

from .facts import AddressFacts, TxFacts
from .resilience import (
    BadAnswer,
    RateLimited,
    Resilient,
    Unavailable,
    breaker_for,
    lookup_config,
)

RETRY_STATUSES = frozenset({500, 502, 503, 504})


class ChainClient(Protocol):
    """Read-only look-ups on one chain. Raise ChainLookupError subclasses, never httpx errors."""

    chain: str

    def tx(self, txid: str) -> TxFacts: ...

    def address(self, address: str) -> AddressFacts: ...

    @property
    def node_calls(self) -> int: ...


def _retry_after(response: httpx.Response) -> float | None:
    raw = response.headers.get("Retry-After", "")
    try:
        return float(raw)
    except ValueError:
        return None


def check_status(name: str, response: httpx.Response) -> None:
    """Raise the right error for a non-2xx answer."""
    status = response.status_code
    if status < 400:
        return
    if status == 429:
        wait = _retry_after(response)
        raise RateLimited(f"{name}: 429 rate limited", chain=name, retry_after=wait)
    if status == 403:
        # TronGrid answers 403 when a key (or an IP without key) is over its limit and
        # suspended for a while: retrying at once only extends the suspension.
        error = RateLimited(f"{name}: 403 {response.text[:200]}", chain=name)
        error.retryable = False
        raise error
    if status in RETRY_STATUSES:
        raise Unavailable(f"{name}: HTTP {status}", chain=name)
    raise BadAnswer(f"{name}: HTTP {status} {response.text[:200]}", chain=name)


def parse_json(name: str, response: httpx.Response) -> Any:
    try:
        return response.json()
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise Unavailable(f"{name}: malformed JSON ({exc})", chain=name) from exc


class HttpNode:
    """One configured endpoint: a reused outbound client, retries and a breaker."""

    def __init__(self, name: str, base_url: str, headers: dict[str, str] | None = None) -> None:
        conf = lookup_config()
        self.name = name
        self.base_url = base_url.rstrip("/")
        self.headers = headers or {}
        self.timeout = conf["TIMEOUT_SECONDS"]
        self.resilient = Resilient(
            name=name,
            retries=conf["RETRIES"],
            backoff=conf["BACKOFF_SECONDS"],
            breaker=breaker_for(f"{name}@{self.base_url}"),
        )
        self._client: OutboundClient | None = None
        self._lock = threading.Lock()

    @property
    def client(self) -> OutboundClient:
        with self._lock:
            if self._client is None:
                self._client = outbound_client(timeout=self.timeout, headers=self.headers)
            return self._client

    def request(
        self,
        method: str,
        path: str,
        *,
        payload: Any = None,
        missing_ok: bool = False,
        validate: Callable[[Any], Any] | None = None,
    ) -> Any:
        """The decoded answer (``None`` for a 404 when ``missing_ok``).

        ``validate(answer)`` runs inside the retry loop, so an error it raises (a rate limit
        reported in an HTTP 200 body, say) is retried like a transport error.
        """

        def once() -> Any:
            response = self.client.request(method, self.base_url + path, json=payload)
            if missing_ok and response.status_code in (400, 404):
                return None
            check_status(self.name, response)
            if response.headers.get("content-type", "").startswith("text/plain"):
                answer: Any = response.text
            else:
                answer = parse_json(self.name, response)
            return validate(answer) if validate else answer

        return self.resilient.call(once)

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                self._client.close()
                self._client = None
