"""walletdesk.core.http: the outbound client refuses non-public addresses unless allowed."""

import ipaddress
import socket

import pytest

from tests.core._http_server import Canned, LocalServer
from walletdesk.core import http
from walletdesk.core.http import (
    OutboundBlocked,
    OutboundPolicy,
    OutboundTimeout,
    OutboundUnavailable,
    is_public_ip,
    outbound_client,
)


@pytest.fixture
def server():
    with LocalServer() as srv:
        srv.route("GET", "/ok", Canned(200, b"hello"))
        yield srv


@pytest.mark.parametrize(
    "ip",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # carrier-grade NAT
        "0.0.0.0",  # noqa: S104 - a value under test, not a bind
        "224.0.0.1",
        "255.255.255.255",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "ff02::1",
    ],
)
def test_non_public_addresses(ip):
    assert not is_public_ip(ipaddress.ip_address(ip))


@pytest.mark.parametrize("ip", ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses(ip):
    assert is_public_ip(ipaddress.ip_address(ip))


def test_loopback_is_refused_by_default(server, settings):
    settings.OUTBOUND = {**settings.OUTBOUND, "ALLOW_PRIVATE": False, "ALLOWED_HOSTS": []}
    with outbound_client() as client, pytest.raises(OutboundBlocked) as info:
        client.get(f"{server.url}/ok")
    assert info.value.url.startswith(server.url)
    assert server.seen == []


def test_host_names_are_checked_on_the_resolved_address(server, settings):
    settings.OUTBOUND = {**settings.OUTBOUND, "ALLOW_PRIVATE": False, "ALLOWED_HOSTS": []}
    with outbound_client() as client, pytest.raises(OutboundBlocked):
        client.get(f"http://localhost:{server.port}/ok")
    assert server.seen == []


def test_a_public_looking_name_that_resolves_privately_is_refused(monkeypatch, server):
    def fake_getaddrinfo(host, port, *args, **kwargs):
        assert host == "node.example.com"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(http.socket, "getaddrinfo", fake_getaddrinfo)
    with outbound_client(policy=OutboundPolicy()) as client, pytest.raises(OutboundBlocked):
        client.get(f"http://node.example.com:{server.port}/ok")
    assert server.seen == []


def test_allow_list_by_host(server):
    policy = OutboundPolicy.from_entries(["127.0.0.1"])
    with outbound_client(policy=policy) as client:
        assert client.get(f"{server.url}/ok").text == "hello"


def test_allow_list_by_network(server, settings):
    settings.OUTBOUND = {
        **settings.OUTBOUND,
        "ALLOW_PRIVATE": False,
        "ALLOWED_HOSTS": ["127.0.0.0/8"],
    }
    with outbound_client() as client:
        assert client.get(f"http://localhost:{server.port}/ok").status_code == 200


def test_allow_private_setting(server, settings):
    settings.OUTBOUND = {**settings.OUTBOUND, "ALLOW_PRIVATE": True, "ALLOWED_HOSTS": []}
    with outbound_client() as client:
        assert client.get(f"{server.url}/ok").status_code == 200


def test_redirect_to_a_non_allowed_host_is_refused(server):
    redirect = Canned(302, b"", {"Location": f"{server.url}/ok"})
    server.route("GET", "/hop", redirect)
    policy = OutboundPolicy.from_entries(["localhost"])
    with outbound_client(policy=policy) as client, pytest.raises(OutboundBlocked):
        client.get(f"http://localhost:{server.port}/hop")
    assert [seen.path for seen in server.seen] == ["/hop"]


def test_redirect_within_allowed_hosts_is_followed(server):
    server.route("GET", "/hop", Canned(302, b"", {"Location": "/ok"}))
    with outbound_client(policy=OutboundPolicy.from_entries(["127.0.0.1"])) as client:
        assert client.get(f"{server.url}/hop").text == "hello"


def test_other_schemes_are_refused():
    policy = OutboundPolicy(allow_private=True)
    with outbound_client(policy=policy) as client, pytest.raises(OutboundBlocked):
        client.get("file:///etc/passwd")


def test_timeout_is_a_clear_error(server):
    server.route("GET", "/slow", Canned(200, b"late", delay=3))
    policy = OutboundPolicy(allow_private=True)
    with outbound_client(timeout=0.2, policy=policy) as client, pytest.raises(OutboundTimeout):
        client.get(f"{server.url}/slow")


def test_connection_refused_is_unavailable():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again before the request: nothing listens
    policy = OutboundPolicy(allow_private=True)
    with outbound_client(policy=policy) as client, pytest.raises(OutboundUnavailable):
        client.get(f"http://127.0.0.1:{port}/")
