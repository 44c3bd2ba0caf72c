"""Article text to HTML (pure): placeholders filled, markdown rendered, HTML sanitized."""

import re
from collections.abc import Mapping
from functools import cache

import nh3

from walletdesk.kb.images import is_own_image_url

_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
ALLOWED_TAGS = {
    "a", "p", "br", "h1", "hr", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
    "h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}}


@cache
def _markdown():
    from markdown_it import MarkdownIt

    # commonmark with tables; raw HTML off: editors write markdown, never markup.
    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
    default_image = md.renderer.rules["image"]  # type: ignore[attr-defined]

    def image(renderer, tokens, idx, options, env):
        """Our own attachments render as images; any other source as its alt text."""
        token = tokens[idx]
        if is_own_image_url(str(token.attrGet("src") or "")):
            return default_image(tokens, idx, options, env)
        return renderer.renderInline(token.children or [], options, env)

    md.add_render_rule("image", image)
    return md


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    """Second line of defence: an <img> keeps a src only when it is one of our attachments."""
    if tag == "img" and attribute == "src" and not is_own_image_url(value):
        return None
    return value


def fill_placeholders(text: str, values: Mapping[str, str]) -> str:
    """Replace {{ name }} with values[name]; unknown names are left visible for editors."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def markdown_to_html(text: str) -> str:
    html = _markdown().render(text)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tg"},
        link_rel="noopener noreferrer nofollow",
        attribute_filter=_attribute_filter,
    )


# Closing sections every article shares ("open a ticket ..."): shown, but not searched, or
# words like "ticket" would match every article.
FOOTER_HEADINGS = {"still need help?", "仍未解决?", "仍未解决？", "仍未解決?", "仍未解決？"}
_SECTION = re.compile(r"^## +(.+?)\s*$", re.M)


def searchable_markdown(markdown: str) -> str:
    """The markdown without its shared closing sections (see FOOTER_HEADINGS)."""
    parts = _SECTION.split(markdown)
    kept = [parts[0]]
    for heading, section in zip(parts[1::2], parts[2::2], strict=True):
        if heading.strip().lower() not in FOOTER_HEADINGS:
            kept.append(f"## {heading}{section}")
    return "".join(kept)


def plain_text(markdown: str) -> str:
    """Markdown without its markup: for search indexing and snippets."""
    text = re.sub(r"\]\([^)]*\)", "]", markdown)  # drop link targets
    return re.sub(r"[#*_`>\[\]|]+", " ", text)


def snippet(text: str, limit: int = 200) -> str:
    flat = " ".join(plain_text(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
