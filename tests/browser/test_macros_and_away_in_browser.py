"""In a real browser: picking a macro fills the reply box in the ticket's language and shows
what it sets on send; the header's away toggle works from the keyboard."""

import pytest

from tests.browser.conftest import DESKTOP, agent_page, live_query, run_browser, shot

pytestmark = pytest.mark.slow


def test_macro_fills_the_reply_and_presets_its_status(server):
    base, ticket_url = server["url"], f"{server['url']}/console/tickets/{server['ticket_id']}/"

    def scenario(browser):
        page = agent_page(browser, base, "anna", locale="en-US", **DESKTOP)
        page.goto(ticket_url)
        page.select_option("#macro", label="Need the hash")
        assert page.input_value("#reply-body") == "Please send the TxID."
        assert page.input_value("#reply-status") == "pending"
        assert "#need-hash" in page.locator("#macro-effects").inner_text()
        page.select_option("#macro", label="Closing")
        assert page.input_value("#reply-body").endswith(
            "Is there anything else we can help you with?"
        )
        shot(page, "console-macro-desktop")

    run_browser(scenario)


def test_away_toggle_from_the_keyboard(server):
    base = server["url"]

    def available() -> bool:
        rows = live_query(
            server,
            "SELECT a.is_available FROM accounts_agent a JOIN auth_user u ON u.id = a.user_id"
            " WHERE u.username = %s",
            ("anna",),
        )
        return bool(rows[0][0])

    def scenario(browser):
        page = agent_page(browser, base, "anna", locale="zh-CN", **DESKTOP)
        page.focus("#availability-btn")
        page.keyboard.press("Enter")
        page.wait_for_selector("#availability:has-text('我回来了')", timeout=10_000)
        assert not available()
        assert page.evaluate("document.activeElement.id") == "availability-btn"
        page.keyboard.press("Enter")
        page.wait_for_selector("#availability:has-text('设为离开')", timeout=10_000)
        assert available()

    run_browser(scenario)
