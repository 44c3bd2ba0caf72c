"""In a real browser: a second agent opening the same ticket sees the first one typing."""

import pytest

from tests.browser.conftest import DESKTOP, run_browser, shot, sign_in

pytestmark = pytest.mark.slow


def test_second_agent_sees_the_first_typing(server):
    base, ticket_url = server["url"], f"{server['url']}/console/tickets/{server['ticket_id']}/"

    def scenario(browser):
        first = browser.new_context(locale="en-US", **DESKTOP).new_page()
        second = browser.new_context(locale="zh-CN", **DESKTOP).new_page()
        sign_in(first, base, "liwei")
        sign_in(second, base, "anna")
        first.goto(ticket_url)
        second.goto(ticket_url)
        second.wait_for_selector("#presence:has-text('Liwei')", timeout=10_000)
        first.fill("#reply-body", "Checking the transaction now")
        first.type("#reply-body", "…")
        second.wait_for_selector("#presence:has-text('正在输入回复')", timeout=10_000)
        assert "Liwei" in second.locator("#presence").inner_text()
        shot(second, "console-collision-desktop")

    run_browser(scenario)
