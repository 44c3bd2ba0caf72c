"""In a real browser: a customer submits a ticket in Chinese and tracks it; an agent signs in,
finds it in the queue and replies; the customer sees the reply. Screenshots at desktop and phone
sizes go to artifacts/screenshots/."""

import re

import pytest

from tests.browser.conftest import DESKTOP, PHONE, run_browser, shot, sign_in

pytestmark = pytest.mark.slow

PROBLEM = "我的USDT提现两个小时了还没有到账"
REPLY = "您好，我们正在链上核实这笔交易。"


def test_customer_submits_in_chinese_agent_replies_customer_sees_it(server):
    base = server["url"]

    def scenario(browser):
        customer = browser.new_context(locale="zh-CN", **PHONE).new_page()
        customer.goto(base + "/")
        assert customer.locator("html").get_attribute("lang") == "zh-Hans"
        shot(customer, "portal-home-phone")
        customer.click("text=提交工单")
        customer.select_option("#id_category", "technical")
        customer.fill("#id_description", PROBLEM)
        customer.select_option("#id_chain", "tron")
        shot(customer, "portal-request-phone")
        customer.click("button:has-text('提交')")
        number = customer.locator("#ticket-number").inner_text().strip()
        assert re.fullmatch(r"WD-\d{4}-\d{6}", number)
        assert f"/track/{number}/?token=" in customer.locator("#tracking-link").inner_text()
        shot(customer, "portal-submitted-phone")
        customer.click("text=查看我的工单")
        assert customer.locator("#ticket-status").inner_text() == "新建"
        assert PROBLEM in customer.locator("#conversation").inner_text()

        agent = browser.new_context(locale="en-US", **DESKTOP).new_page()
        sign_in(agent, base, "liwei")
        row = agent.locator("tr", has_text=number)
        assert row.count() == 1
        shot(agent, "console-queue-desktop")
        row.locator("a").click()
        agent.wait_for_selector("#reply-body")
        agent.fill("#reply-body", REPLY)
        agent.click("button:has-text('Send reply')")
        agent.wait_for_selector(f".msg.outbound:has-text('{REPLY}')")
        shot(agent, "console-ticket-desktop")

        customer.reload()
        assert REPLY in customer.locator("#conversation").inner_text()
        assert customer.locator("#ticket-status").inner_text() == "处理中"
        shot(customer, "portal-track-phone")

    run_browser(scenario)


def test_pages_at_phone_and_desktop_sizes(server):
    """The main pages render without horizontal scrolling on a phone; screenshots for review."""
    base = server["url"]

    def scenario(browser):
        for size_name, size in (("phone", PHONE), ("desktop", DESKTOP)):
            page = browser.new_context(locale="en-US", **size).new_page()
            sign_in(page, base, "anna")
            for name, path in (
                ("console-queue", "/console/queue/"),
                ("console-ticket", f"/console/tickets/{server['ticket_id']}/"),
                ("console-supervisor", "/console/supervisor/"),
            ):
                page.goto(base + path)
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= size["viewport"]["width"], f"{name} scrolls sideways ({width}px)"
                shot(page, f"{name}-{size_name}")
            page.goto(base + "/request/")
            shot(page, f"portal-request-{size_name}-en")

    run_browser(scenario)
