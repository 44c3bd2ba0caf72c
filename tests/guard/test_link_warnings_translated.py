"""The warnings the guard's template tags put on flagged links follow the agent's language:
Simplified Chinese on the Chinese console, English otherwise."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from tests import factories as f
from walletdesk.guard import texts

BLOCKED = "walletdesk-airdrop.xyz"  # on the blocklist in registry_rows
LOOKALIKE = "wa11etdesk.com"
TAGS = Template(
    "{% load guard_links %}{{ text|defang_flagged }}|{{ html|agent_html }}|"
    "{{ text|defang_flagged_text }}"
)


def titles(rendered: str) -> set[str]:
    return set(re.findall(r'class="link-flag link-\w+" title="([^"]+)"', rendered))


@pytest.mark.parametrize(("language", "lang"), [("zh-hans", texts.ZH), ("en", texts.EN)])
def test_each_filter_warns_in_the_active_language(registry_rows, language, lang):
    text = f"go to https://{BLOCKED}/claim or {LOOKALIKE}"
    with translation.override(language):
        rendered = TAGS.render(Context({"text": text, "html": f"<p>{text}</p>"}))
    expected = {texts.LINK_TITLE[kind][lang] for kind in ("blocked", "suspicious")}
    assert titles(rendered) == expected
    assert rendered.count("⚠ ") == 4  # two links in the text, two in the HTML


def test_the_chinese_ticket_page_shows_no_english_warning(registry_rows, client, settings):
    settings.ROOT_URLCONF = "walletdesk.config.urls"
    settings.STAFF_2FA_REQUIRED = False
    f.default_policies()
    client.force_login(f.agent("liwei", teams=[f.team()]).user)
    ticket, _ = f.ticket(subject=f"客服让我去{LOOKALIKE}验证", body=f"链接 https://{BLOCKED}/x")
    url = reverse("console:ticket", args=[ticket.id])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-Hans").content.decode()
    assert titles(html) == {
        texts.LINK_TITLE["blocked"][texts.ZH],
        texts.LINK_TITLE["suspicious"][texts.ZH],
    }
    assert "do not open it" not in html
