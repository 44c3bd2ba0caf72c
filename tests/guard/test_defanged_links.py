"""Flagged links reach agents defanged (hxxps://evil[.]com), never as something to click."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from tests import factories as f
from walletdesk.guard.defang import defang, defang_spans

BLOCKED = "walletdesk-airdrop.xyz"  # on the blocklist in registry_rows
LOOKALIKE = "wa11etdesk.com"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://evil.example.com/claim?x=1.2", "hxxps://evil[.]example[.]com/claim?x=1.2"),
        ("http://evil.com", "hxxp://evil[.]com"),
        ("HTTPS://Evil.COM", "hxxps://Evil[.]COM"),
        ("evil.com", "evil[.]com"),
        ("www.evil.com/a.b", "www[.]evil[.]com/a.b"),
        (
            "https://official.example@evil.example/x",
            "hxxps://official[.]example[@]evil[.]example/x",
        ),
        ("https://evil.com:8443/x", "hxxps://evil[.]com:8443/x"),
        ("evil\u3002com", "evil[.]com"),  # an ideographic full stop is a dot too
        ("evil\uff0ecom", "evil[.]com"),  # so is a full-width one
        ("ftp://files.evil.com", "fxp://files[.]evil[.]com"),
        ("", ""),
    ],
)
def test_defang(url, shown):
    assert defang(url) == shown


@pytest.mark.parametrize(
    "url", ["https://evil.example.com/x", "user@evil.com", "evil。com", "hxxps://a[.]b"]
)
def test_defang_is_idempotent(url):
    assert defang(defang(url)) == defang(url)


def test_defang_spans_changes_only_the_spans():
    text = "see https://evil.com now, and evil.org."
    assert defang_spans(text, [(4, 20), (30, 38)]) == "see hxxps://evil[.]com now, and evil[.]org."


def render(text: str) -> str:
    return Template("{% load guard_links %}{{ text|defang_flagged }}").render(
        Context({"text": text})
    )


def test_filter_defangs_flagged_links_and_escapes_the_rest(registry_rows):
    text = (
        f"<b>claim</b> at https://{BLOCKED}/claim or {LOOKALIKE}, "
        "help is at https://walletdesk.com/help"
    )
    html = render(text)
    assert "&lt;b&gt;claim&lt;/b&gt;" in html
    assert 'class="link-flag link-blocked"' in html
    assert "⚠ hxxps://walletdesk-airdrop[.]xyz/claim" in html
    assert 'class="link-flag link-suspicious"' in html
    assert "wa11etdesk[.]com" in html
    assert "https://walletdesk.com/help" in html  # official: untouched
    assert BLOCKED not in html and LOOKALIKE not in html
    assert "<a " not in html and "href" not in html


def test_agent_html_drops_anchors_and_defangs(registry_rows):
    html = Template("{% load guard_links %}{{ h|agent_html }}").render(
        Context(
            {
                "h": f'<p>Go to <a href="https://{BLOCKED}/x">https://{BLOCKED}/x</a>'
                '<img src="https://evil.example/p.png"></p>'
            }
        )
    )
    assert "<p>Go to " in html
    assert "hxxps://walletdesk-airdrop[.]xyz/x" in html
    assert "href" not in html and "<img" not in html and BLOCKED not in html


def test_console_ticket_page_shows_flagged_links_defanged(registry_rows, client, settings):
    settings.ROOT_URLCONF = "walletdesk.config.urls"
    settings.STAFF_2FA_REQUIRED = False
    f.default_policies()
    agent = f.agent("liwei", teams=[f.team()])
    ticket, _ = f.ticket(body=f"They told me to verify at https://{BLOCKED}/verify now")
    client.force_login(agent.user)
    body = client.get(reverse("console:ticket", args=[ticket.id])).content.decode()
    assert "hxxps://walletdesk-airdrop[.]xyz/verify" in body
    assert f"https://{BLOCKED}" not in body
