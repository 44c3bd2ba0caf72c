"""The client's address behind reverse proxies: X-Forwarded-For is read only as far as the
configured proxies vouch for it, so a client cannot choose its own address."""

import pytest

from walletdesk.core.client_address import client_address
from walletdesk.guard.throttle import scope_client_ip

PROXY = "10.0.0.2"


@pytest.mark.parametrize(
    ("forwarded", "proxies", "expected"),
    [
        ("203.0.113.7", 0, PROXY),  # no proxy configured: the header is the client's to forge
        ("203.0.113.7", 1, "203.0.113.7"),
        ("1.1.1.1, 203.0.113.7", 1, "203.0.113.7"),  # the forged entry left of it is ignored
        ("1.1.1.1, 203.0.113.7, 10.0.0.9", 2, "203.0.113.7"),  # two proxies, each appending
        ("203.0.113.7", 3, "203.0.113.7"),  # fewer hops than proxies: the leftmost
        ("2001:db8::1", 1, "2001:db8::1"),
        ("not-an-address", 1, PROXY),
        (" , ", 1, PROXY),
        (None, 1, PROXY),
    ],
)
def test_client_address(forwarded, proxies, expected):
    assert client_address(PROXY, forwarded, proxies) == expected


def test_no_peer_address_is_unknown():
    assert client_address(None, None, 0) == client_address("", None, 0) == "unknown"


def test_a_websocket_scope_reads_the_same_header(settings):
    settings.WALLETDESK = {**settings.WALLETDESK, "TRUSTED_PROXIES": 1}
    scope = {"client": (PROXY, 5555), "headers": [(b"x-forwarded-for", b"9.9.9.9, 203.0.113.7")]}
    assert scope_client_ip(scope) == "203.0.113.7"
    settings.WALLETDESK = {**settings.WALLETDESK, "TRUSTED_PROXIES": 0}
    assert scope_client_ip(scope) == PROXY
    assert scope_client_ip({"headers": []}) == "unknown"
