"""Registrable domains come from tldextract's bundled Public Suffix List (private suffixes
included) with no network and no cache: in a fresh process where every socket fails and the
cache directories are empty, names still parse."""

import subprocess
import sys
from pathlib import Path

PROBE = """
import socket
from walletdesk.guard.phishing.names import parse_host  # the list is read on first use
import sys
def refused(*args, **kwargs):
    print("NETWORK USED", file=sys.stderr)
    raise OSError("network used")
socket.socket.connect = refused
socket.create_connection = refused
socket.getaddrinfo = refused
for host in ("login.evil.github.io", "wa11etdesk.com.cn", "xn--wlletdesk-0yh.com", "a.b.c.co.uk"):
    name = parse_host(host)
    print(name.registrable, name.suffix)
"""


def test_names_parse_without_network_or_cache(tmp_path):
    root = Path(__file__).resolve().parents[2]
    env = {"HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin"}
    result = subprocess.run(  # noqa: S603 (our interpreter, our probe)
        [sys.executable, "-c", PROBE],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and "NETWORK USED" not in result.stderr, result.stderr
    assert result.stdout.split("\n")[:4] == [
        "evil.github.io github.io",
        "wa11etdesk.com.cn com.cn",
        "xn--wlletdesk-0yh.com com",
        "c.co.uk co.uk",
    ]
    assert not any((tmp_path / "cache").rglob("*"))  # nothing cached either
