"""Article markdown becomes sanitized HTML with the wallet's own names filled in."""

from walletdesk.kb.render import fill_placeholders, markdown_to_html, searchable_markdown


def test_markdown_renders_and_script_is_neutralised():
    html = markdown_to_html("**bold** <script>alert(1)</script>\n\n- item")
    assert "<strong>bold</strong>" in html
    assert "<li>item</li>" in html
    assert "<script>" not in html


def test_javascript_links_are_not_rendered_as_links():
    html = markdown_to_html("[x](javascript:alert(1)) [ok](https://example.org)")
    assert 'href="https://example.org"' in html
    assert 'href="javascript' not in html


def test_placeholders_are_filled_and_unknown_ones_stay_visible():
    text = fill_placeholders("{{ brand }} at {{brand}}, {{ nope }}", {"brand": "AcmeWallet"})
    assert text == "AcmeWallet at AcmeWallet, {{ nope }}"


def test_closing_help_section_is_left_out_of_search_text():
    md = "Intro\n\n## Steps\n\n1. a\n\n## Still need help?\n\nOpen a ticket.\n"
    kept = searchable_markdown(md)
    assert "## Steps" in kept and "Open a ticket" not in kept
