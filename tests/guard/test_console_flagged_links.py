"""The console ticket page: a flagged link in the subject is shown defanged like the body, and
the link flags stored on the ticket are listed for agents (domain, verdict, short reasons),
without extra queries."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f

BLOCKED = "walletdesk-airdrop.xyz"  # on the blocklist in registry_rows
LOOKALIKE = "wa11etdesk.com"
PUNY = "xn--wlletdesk-0yh.com"


def page(client, ticket, language: str = "en") -> str:
    url = reverse("console:ticket", args=[ticket.id])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def flagged_section(html: str) -> str:
    match = re.search(r'<section class="card link-flags".*?</section>', html, re.S)
    assert match, "no flagged-links section"
    return match.group()


def test_subject_with_a_flagged_link_is_defanged_in_heading_and_title(console_client):
    ticket, _ = f.ticket(subject=f"Claim at https://{BLOCKED}/claim", body="see subject")
    html = page(console_client, ticket)
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    assert 'class="link-flag link-blocked"' in heading
    assert "⚠ hxxps://walletdesk-airdrop[.]xyz/claim" in heading
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "hxxps://walletdesk-airdrop[.]xyz/claim" in title and "<span" not in title
    assert f"https://{BLOCKED}" not in html


def test_stored_link_flags_are_listed_with_their_reasons(console_client):
    ticket, _ = f.ticket(
        body=f"They sent https://{BLOCKED}/x, {LOOKALIKE} and https://{PUNY}/login and "
        f"again {BLOCKED}"
    )
    assert len(ticket.metadata["link_flags"]) == 4  # four links, three domains
    section = flagged_section(page(console_client, ticket))
    rows = re.findall(r"<li class=\"link-(\w+)\">(.*?)</li>", section, re.S)
    assert [verdict for verdict, _ in rows] == ["blocked", "suspicious", "suspicious"]
    blocked, lookalike, puny = (text for _, text in rows)
    assert "walletdesk-airdrop[.]xyz" in blocked and "known phishing" in blocked
    assert "blocklisted" in blocked and "uses the name walletdesk" in blocked
    assert "wa11etdesk[.]com" in lookalike
    assert "look-alike characters of walletdesk" in lookalike
    assert "wаlletdesk[.]com" in puny and "punycode (IDN)" in puny  # shown as read (Cyrillic а)
    assert BLOCKED not in section and LOOKALIKE not in section


def test_the_list_follows_the_agents_language(console_client):
    ticket, _ = f.ticket(body=f"客服让我去{LOOKALIKE}验证")
    section = flagged_section(page(console_client, ticket, "zh-Hans"))
    assert "可疑链接" in section and "用形似字符仿冒 walletdesk" in section


def test_a_ticket_without_flags_has_no_list(console_client):
    ticket, _ = f.ticket(body="see https://walletdesk.com/help")
    assert "link-flags" not in page(console_client, ticket)


def test_flags_cost_no_query(console_client, django_assert_num_queries):
    plain, _ = f.ticket(subject="USDT missing", body="no links here")
    flagged, _ = f.ticket(
        subject=f"verify at {LOOKALIKE}",
        body=" ".join(f"https://scam{i}.{BLOCKED}/claim" for i in range(15)) + f" {PUNY}",
    )
    assert len(flagged.metadata["link_flags"]) == 17  # the subject is screened too
    page(console_client, plain)  # warm the registry snapshot and the session
    with CaptureQueriesContext(connection) as baseline:
        page(console_client, plain)
    with django_assert_num_queries(len(baseline.captured_queries)):
        html = page(console_client, flagged)
    assert flagged_section(html).count("<li ") == 17
