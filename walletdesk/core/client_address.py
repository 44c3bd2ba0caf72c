"""The client's IP address, also behind reverse proxies (pure).

Behind N trusted proxies (WALLETDESK_TRUSTED_PROXIES), each appends the address it received
from to X-Forwarded-For, so the client's is the N-th entry from the right; the entries left of
it are whatever the client sent and are never trusted. With no proxy configured the header is
ignored and the socket's peer address is the client. An entry that is not an IP address falls
back to the peer address. Rate limits, login lockouts and audit records all use this."""

from ipaddress import ip_address


def client_address(peer: str | None, forwarded_for: str | None, proxies: int) -> str:
    if proxies > 0 and forwarded_for:
        hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
        if hops:
            candidate = hops[-min(proxies, len(hops))]
            if is_ip(candidate):
                return candidate
    return peer or "unknown"


def is_ip(text: str) -> bool:
    try:
        ip_address(text)
    except ValueError:
        return False
    return True
