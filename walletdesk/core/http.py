"""The one outbound HTTP client (httpx) for Walletdesk.

Every call to another server goes through :func:`outbound_client`. It refuses to connect to
private, loopback, link-local, multicast, reserved and other non-public addresses, checked on
the IPs a host name resolves to at connect time (so also after every redirect and against DNS
rebinding), unless settings allow them:

* ``OUTBOUND_ALLOW_PRIVATE=1`` allows every address (a node on the same private network);
* ``OUTBOUND_ALLOWED_HOSTS`` lists host names (exact) and IP networks (CIDR) that are allowed
  even when they resolve to non-public addresses.

Timeouts always apply. Transport failures surface as :class:`OutboundError` subclasses;
HTTP error statuses are left to the caller (``response.status_code``).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx
from django.conf import settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

ALLOWED_SCHEMES = frozenset({"http", "https"})
USER_AGENT = "Walletdesk/1 (+https://github.com/walletdesk)"


class OutboundError(Exception):
    """An outbound request did not produce a response."""

    code = "outbound_error"

    def __init__(self, message: str, *, url: str = "") -> None:
        super().__init__(message)
        self.url = url


class OutboundBlocked(OutboundError):
    """The destination is not a public address and settings do not allow it."""

    code = "outbound_blocked"


class OutboundTimeout(OutboundError):
    code = "outbound_timeout"


class OutboundUnavailable(OutboundError):
    """Connection refused, reset, TLS failure, too many redirects..."""

    code = "outbound_unavailable"


def is_public_ip(ip: IPAddress) -> bool:
    """True for globally routable unicast addresses (IPv4-mapped IPv6 judged as IPv4)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


@dataclass(frozen=True)
class OutboundPolicy:
    allow_private: bool = False
    allowed_hosts: frozenset[str] = frozenset()
    allowed_networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def from_entries(cls, entries: Iterable[str], *, allow_private: bool = False) -> OutboundPolicy:
        hosts: set[str] = set()
        networks: list[IPNetwork] = []
        for entry in entries:
            try:
                networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
            except ValueError:
                hosts.add(entry.lower().rstrip("."))
        return cls(allow_private, frozenset(hosts), tuple(networks))

    @classmethod
    def from_settings(cls) -> OutboundPolicy:
        conf: dict[str, Any] = settings.OUTBOUND
        return cls.from_entries(conf["ALLOWED_HOSTS"], allow_private=conf["ALLOW_PRIVATE"])

    def allows(self, host: str, ip: IPAddress) -> bool:
        if self.allow_private or is_public_ip(ip):
            return True
        if host.lower().rstrip(".") in self.allowed_hosts:
            return True
        return any(ip in network for network in self.allowed_networks)


def resolve_checked(host: str, port: int, policy: OutboundPolicy) -> list[str]:
    """The IPs of host, or OutboundBlocked when any of them is not allowed."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise OutboundUnavailable(f"cannot resolve {host}: {exc}") from exc
    ips: list[str] = []
    for info in infos:
        raw = str(info[4][0]).split("%", 1)[0]
        ip = ipaddress.ip_address(raw)
        if not policy.allows(host, ip):
            raise OutboundBlocked(f"{host} resolves to non-public address {ip}")
        if raw not in ips:
            ips.append(raw)
    return ips


class _GuardedBackend(httpcore.SyncBackend):
    """Resolves and checks every host before a TCP connection is opened."""

    def __init__(self, policy: OutboundPolicy) -> None:
        self.policy = policy

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        last_error: Exception | None = None
        for ip in resolve_checked(host, port, self.policy):
            try:
                return super().connect_tcp(ip, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc
        assert last_error is not None  # resolve_checked returns at least one address
        raise last_error


class _GuardedTransport(httpx.HTTPTransport):
    def __init__(self, policy: OutboundPolicy) -> None:
        super().__init__(trust_env=False)
        # Same pool httpx builds, with our backend doing the connects (httpx has no public hook).
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=100,
            max_keepalive_connections=20,
            network_backend=_GuardedBackend(policy),
        )


def _check_request(policy: OutboundPolicy, request: httpx.Request) -> None:
    """Early refusal for bad schemes and literal IPs (host names are checked on connect)."""
    url = str(request.url)
    if request.url.scheme not in ALLOWED_SCHEMES:
        raise OutboundBlocked(f"scheme {request.url.scheme!r} is not allowed", url=url)
    try:
        ip = ipaddress.ip_address(request.url.host)
    except ValueError:
        return
    if not policy.allows(request.url.host, ip):
        raise OutboundBlocked(f"{ip} is not a public address", url=url)


class OutboundClient(httpx.Client):
    """httpx.Client whose transport failures are :class:`OutboundError`."""

    def __init__(self, *, policy: OutboundPolicy, **kwargs: Any) -> None:
        self.policy = policy
        super().__init__(transport=_GuardedTransport(policy), trust_env=False, **kwargs)

    def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:  # type: ignore[override]
        url = str(request.url)
        try:
            _check_request(self.policy, request)
            return super().send(request, **kwargs)
        except OutboundError as exc:
            exc.url = exc.url or url
            raise
        except httpx.TimeoutException as exc:
            raise OutboundTimeout(f"timed out: {exc}", url=url) from exc
        except (httpx.TransportError, httpx.TooManyRedirects) as exc:
            raise OutboundUnavailable(f"{type(exc).__name__}: {exc}", url=url) from exc


def outbound_client(
    *,
    timeout: float | None = None,
    connect_timeout: float | None = None,
    headers: dict[str, str] | None = None,
    follow_redirects: bool = True,
    max_redirects: int = 3,
    policy: OutboundPolicy | None = None,
) -> OutboundClient:
    """A new client; use it as a context manager (or keep one per integration and reuse it)."""
    conf: dict[str, Any] = settings.OUTBOUND
    total = timeout if timeout is not None else conf["TIMEOUT_SECONDS"]
    connect = connect_timeout if connect_timeout is not None else conf["CONNECT_TIMEOUT_SECONDS"]
    return OutboundClient(
        policy=policy or OutboundPolicy.from_settings(),
        timeout=httpx.Timeout(total, connect=min(connect, total)),
        headers={"User-Agent": USER_AGENT, **(headers or {})},
        follow_redirects=follow_redirects,
        max_redirects=max_redirects,
    )


__all__ = [
    "OutboundBlocked",
    "OutboundClient",
    "OutboundError",
    "OutboundPolicy",
    "OutboundTimeout",
    "OutboundUnavailable",
    "is_public_ip",
    "outbound_client",
]
