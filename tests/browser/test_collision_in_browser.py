"""In a real browser: a second agent opening the same ticket sees the first one typing."""

import pytest

from tests.browser.conftest import DESKTOP, agent_page, run_browser, shot

pytestmark = pytest.mark.slow


def test_second_agent_sees_the_first_typing(server):
    base, ticket_url = server["url"], f"{server['url']}/console/tickets/{server['ticket_id']}/"

    def scenario(browser):
        first = agent_page(browser, base, "liwei", locale="en-US", **DESKTOP)
        second = agent_page(browser, base, "anna", locale="zh-CN", **DESKTOP)
        first.goto(ticket_url)
        second.goto(ticket_url)
        second.wait_for_selector("#presence:has-text('Liwei')", timeout=10_000)
        first.fill("#reply-body", "Checking the transaction now")
        first.type("#reply-body", "…")
        second.wait_for_selector("#presence:has-text('正在输入回复')", timeout=10_000)
        assert "Liwei" in second.locator("#presence").inner_text()
        shot(second, "console-collision-desktop")

    run_browser(scenario)
