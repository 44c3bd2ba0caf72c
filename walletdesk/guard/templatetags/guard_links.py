"""{% load guard_links %}: customer text for agents, with flagged links defanged.

    <div class="body">{{ m.body_text|defang_flagged }}</div>

Links the guard flags (suspicious or blocked, judged now against the current registry, so a
domain confirmed after the message arrived is defanged too) are shown as
`⚠ hxxps://evil[.]com` in a `<span class="link-flag link-blocked">` with a warning title, never
as an anchor; the rest of the text is escaped as usual. `agent_html` does the same for
sanitized message HTML (anchors and images dropped, flagged links defanged).
"""

import nh3
from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from walletdesk.guard.defang import defang, defang_spans
from walletdesk.guard.presenters import link_flag_rows
from walletdesk.guard.selectors import links_check

register = template.Library()

# Message HTML shown to agents: formatting only, no link, image or any attribute.
AGENT_HTML_TAGS = frozenset(nh3.ALLOWED_TAGS) - {"a", "img", "area", "map"}


def _title(verdict: str) -> str:
    if verdict == "blocked":
        return _("Known phishing link: do not open it or send it on.")
    return _("Suspicious link (look-alike or unknown address): do not open it.")


def defanged_html(text: str, *, escaped: bool = False) -> SafeString:
    """text (plain, or already-escaped HTML when escaped=True) with flagged links defanged."""

    def plain(piece: str) -> str:
        return piece if escaped else escape(piece)

    out, at = [], 0
    for flag in sorted(links_check(text), key=lambda f: f.start):
        if flag.start < at:
            continue
        link = text[flag.start : flag.end]
        out.append(plain(text[at : flag.start]))
        out.append(
            format_html(
                '<span class="link-flag link-{}" title="{}">⚠ {}</span>',
                str(flag.verdict),
                _title(str(flag.verdict)),
                # defang adds only "hxxp", "[.]" and "[@]" to what was escaped already
                mark_safe(defang(link)) if escaped else defang(link),  # noqa: S308
            )
        )
        at = flag.end
    out.append(plain(text[at:]))
    return mark_safe("".join(out))  # noqa: S308 (every piece escaped above)


@register.filter
def defang_flagged(text: str) -> SafeString:
    """Plain customer text, escaped, with flagged links defanged and marked."""
    return defanged_html(str(text or ""))


@register.filter
def agent_html(html: str) -> SafeString:
    """Sanitized message HTML without anchors, images or attributes, flagged links defanged."""
    cleaned = nh3.clean(str(html or ""), tags=set(AGENT_HTML_TAGS), attributes={}, link_rel=None)
    return defanged_html(cleaned, escaped=True)


@register.filter
def defang_flagged_text(text: str) -> str:
    """Plain text with flagged links defanged and no markup (the template escapes it)."""
    text = str(text or "")
    return defang_spans(text, [(flag.start, flag.end) for flag in links_check(text)])


@register.simple_tag
def flagged_links(metadata: object) -> list[dict]:
    """The link flags stored on a ticket, one row per domain, for agents."""
    flags = metadata.get("link_flags") if isinstance(metadata, dict) else None
    if not isinstance(flags, list):
        return []
    language = "zh-hans" if (get_language() or "").lower().startswith("zh") else "en"
    return link_flag_rows(flags, language)
