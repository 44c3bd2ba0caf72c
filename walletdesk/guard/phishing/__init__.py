"""Phishing and impersonation checks on links: pure functions over a `Registry` snapshot.

>>> registry = Registry.build(official_domains=["walletdesk.com"])
>>> [(f.host, f.verdict, f.reasons) for f in flag_links("see wa11etdesk.com", registry)]
[('wa11etdesk.com', <Verdict.SUSPICIOUS: 'suspicious'>, (<Reason.HOMOGLYPH: 'homoglyph'>,))]
"""

from .check import (
    FLAGGED,
    HostCheck,
    LinkFlag,
    Reason,
    Registry,
    Verdict,
    check_host,
    check_links,
    flag_links,
)
from .extract import find_links
from .names import parse_host

__all__ = [
    "FLAGGED",
    "HostCheck",
    "LinkFlag",
    "Reason",
    "Registry",
    "Verdict",
    "check_host",
    "check_links",
    "find_links",
    "flag_links",
    "parse_host",
]
