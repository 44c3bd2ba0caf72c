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


def test_without_a_websocket_the_page_polls_and_still_sees_the_typing(server):
    """The polling fallback: a browser whose websocket is unavailable (a proxy that drops it)
    posts its state and reads the others' every 5 s. Another ticket than above: no presence
    left over from the websocket test."""
    base = server["url"]
    ticket_url = f"{base}/console/tickets/{server['chain_ticket_id']}/"

    def scenario(browser):
        first = agent_page(browser, base, "liwei", locale="en-US", **DESKTOP)
        second = agent_page(browser, base, "anna", locale="en-US", **DESKTOP)
        second.add_init_script("delete window.WebSocket")
        polls: list[str] = []
        second.on("request", lambda r: polls.append(r.url) if "/presence/" in r.url else None)
        first.goto(ticket_url)
        second.goto(ticket_url)
        first.fill("#reply-body", "Looking at it")
        first.type("#reply-body", "…")
        second.wait_for_selector("#presence:has-text('Liwei is typing')", timeout=15_000)
        assert polls, "the page did not poll"

    run_browser(scenario)
