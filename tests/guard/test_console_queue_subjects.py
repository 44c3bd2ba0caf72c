"""The console's queue lists show a flagged link in a subject defanged, like the ticket page,
never as a link; other subjects are unchanged, and the queue costs no query more per row."""

import re
from html import unescape

from django.urls import reverse

from tests import factories as f

BLOCKED = "walletdesk-airdrop.xyz"  # on the blocklist in registry_rows
LOOKALIKE = "wa11etdesk.com"


def queue(client, **params) -> str:
    response = client.get(reverse("console:queue"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_flagged_links_in_queue_subjects_are_defanged(console_client):
    f.ticket(subject=f"Claim at https://{BLOCKED}/claim?")
    f.ticket(subject=f"客服让我去{LOOKALIKE}验证")
    f.ticket(subject="walletdesk.com says maintenance <b>now</b>")
    html = queue(console_client)
    assert '<span class="link-flag link-blocked"' in html
    assert "⚠ hxxps://walletdesk-airdrop[.]xyz/claim" in html
    assert '<span class="link-flag link-suspicious"' in html and "wa11etdesk[.]com" in html
    assert BLOCKED not in html and LOOKALIKE not in html
    # an official link and the rest of a subject are shown as written, escaped
    assert "walletdesk.com says maintenance &lt;b&gt;now&lt;/b&gt;" in html


def test_the_rows_loaded_by_load_more_are_defanged_too(console_client, monkeypatch):
    monkeypatch.setattr("walletdesk.console.views.queues.PAGE_SIZE", 2)
    for _ in range(3):
        f.ticket(subject=f"see https://{BLOCKED}/x")
    first = queue(console_client)
    next_url = re.search(r'class="more".*?hx-get="([^"]+)"', first, re.S).group(1)
    more = console_client.get(reverse("console:queue") + unescape(next_url), HTTP_HX_REQUEST="true")
    rows = more.content.decode()
    assert rows.count("<tr data-href=") == 1 and "<html" not in rows
    assert "hxxps://walletdesk-airdrop[.]xyz/x" in rows and BLOCKED not in rows


def test_defanging_costs_no_query_per_row(console_client, django_assert_max_num_queries):
    f.ticket(subject=f"see {LOOKALIKE}")
    queue(console_client)  # warm the session and the registry snapshot
    with django_assert_max_num_queries(50) as few:
        queue(console_client)
    for i in range(12):
        f.ticket(subject=f"claim https://scam{i}.{BLOCKED}/x or {LOOKALIKE}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = queue(console_client)
    assert html.count('class="link-flag link-blocked"') == 12
