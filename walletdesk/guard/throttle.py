"""A fixed-window request counter in the Django cache (per process with the default cache)."""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from walletdesk.core.client_address import client_address, is_ip
from walletdesk.core.errors import DomainError


class RateLimited(DomainError):
    code = "rate_limited"
    status = 429


def limit_setting(name: str) -> int:
    """A numeric limit from settings.WALLETDESK."""
    value = settings.WALLETDESK[name]
    if not isinstance(value, int):
        raise TypeError(f"WALLETDESK[{name!r}] must be an integer")
    return value


def client_ip(request: HttpRequest) -> str:
    """The client's address (core.client_address: X-Forwarded-For read only behind trusted
    proxies); "unknown" without a peer address."""
    return client_address(
        request.META.get("REMOTE_ADDR"),
        request.META.get("HTTP_X_FORWARDED_FOR"),
        limit_setting("TRUSTED_PROXIES"),
    )


def client_ip_or_none(request: HttpRequest) -> str | None:
    """client_ip for what stores it in an address column (django-axes' records): None when
    the request has no peer address (a test client's forced sign-in, a Unix socket)."""
    ip = client_ip(request)
    return ip if is_ip(ip) else None


def scope_client_ip(scope: dict) -> str:
    """client_ip for a Channels (ASGI) connection scope."""
    peer = scope.get("client") or ("", 0)
    forwarded = [v for k, v in scope.get("headers", ()) if k.lower() == b"x-forwarded-for"]
    return client_address(
        str(peer[0]) or None,
        b",".join(forwarded).decode("latin-1") if forwarded else None,
        limit_setting("TRUSTED_PROXIES"),
    )


def throttle_hit(*, scope: str, key: str, limit: int, window: int = 60) -> bool:
    """Count one request for (scope, key); True when the window's limit is exceeded."""
    cache_key = f"guard:throttle:{scope}:{key}:{int(time.time() // window)}"
    if cache.add(cache_key, 1, timeout=window + 1):
        return limit < 1
    try:
        return cache.incr(cache_key) > limit
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window + 1)
        return limit < 1


def throttle_check(request: HttpRequest, *, scope: str, limit: int, window: int = 60) -> None:
    if throttle_hit(scope=scope, key=client_ip(request), limit=limit, window=window):
        raise RateLimited("Too many requests; try again in a minute.")
