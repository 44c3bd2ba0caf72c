"""{% load guard_links %}: customer text for agents, with flagged links defanged.

    <div class="body">{{ m.body_text|defang_flagged }}</div>

Links the guard flags (suspicious or blocked, judged now against the current registry, so a
domain confirmed after the message arrived is defanged too) are shown as
`⚠ hxxps://evil[.]com` in a `<span class="link-flag link-blocked">` with a warning title, never
as an anchor; the rest of the text is escaped as usual. `agent_html` does the same for
sanitized message HTML (anchors and images dropped, flagged links defanged). Text without
anything link-like (most queue subjects) never reaches the registry: no query, however many
rows a page renders. Titles are in the agent's language (guard.texts).
"""

import nh3
from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from walletdesk.accounts.models import Agent
from walletdesk.guard import texts
from walletdesk.guard.defang import defang, defang_spans
from walletdesk.guard.phishing import LinkFlag, find_links
from walletdesk.guard.presenters import link_flag_rows
from walletdesk.guard.reports import can_confirm_phishing
from walletdesk.guard.selectors import blocklist_candidates, links_check

register = template.Library()

# Message HTML shown to agents: formatting only, no link, image or any attribute.
AGENT_HTML_TAGS = frozenset(nh3.ALLOWED_TAGS) - {"a", "img", "area", "map"}


def _language() -> str:
    return texts.ZH if (get_language() or "").lower().startswith("zh") else texts.EN


def _title(verdict: str) -> str:
    table = texts.LINK_TITLE["blocked" if verdict == "blocked" else "suspicious"]
    return texts.pick(table, _language())


def _flags(text: str) -> list[LinkFlag]:
    """links_check, without touching the registry when nothing in text looks like a link."""
    return links_check(text) if find_links(text) else []


def defanged_html(text: str, *, escaped: bool = False) -> SafeString:
    """text (plain, or already-escaped HTML when escaped=True) with flagged links defanged."""

    def plain(piece: str) -> str:
        return piece if escaped else escape(piece)

    out, at = [], 0
    for flag in sorted(_flags(text), key=lambda f: f.start):
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
    return defang_spans(text, [(flag.start, flag.end) for flag in _flags(text)])


@register.simple_tag
def blocklist_offers(metadata: object, agent: object) -> list[dict]:
    """What the agent may blocklist from this ticket in one click (security, supervisors,
    admins): [{"domain": host, "shown": defanged}], empty for everyone else."""
    if not isinstance(agent, Agent) or not can_confirm_phishing(agent):
        return []
    return [{"domain": host, "shown": defang(host)} for host in blocklist_candidates(metadata)]


@register.simple_tag
def flagged_links(metadata: object) -> list[dict]:
    """The link flags stored on a ticket, one row per domain, for agents."""
    flags = metadata.get("link_flags") if isinstance(metadata, dict) else None
    if not isinstance(flags, list):
        return []
    return link_flag_rows(flags, _language())
