"""In a real browser: an agent finds and works a ticket from the keyboard alone (/ search, j and
Enter, n note, Ctrl+Enter send, r reply, u back); every form field of the main pages has a
label, and the portal fits a phone's width."""

import pytest

from tests.browser.conftest import DESKTOP, PHONE, agent_page, run_browser

pytestmark = pytest.mark.slow

NOTE = "Checked on chain from the keyboard"
# Visible form fields without an accessible name (a <label>, aria-label or aria-labelledby).
UNLABELLED = """Array.from(document.querySelectorAll("input, select, textarea"))
  .filter(el => el.type !== "hidden" && el.offsetParent !== null)
  .filter(el => !el.labels.length && !el.getAttribute("aria-label")
    && !el.getAttribute("aria-labelledby"))
  .map(el => el.outerHTML.slice(0, 120))"""


def test_an_agent_works_a_ticket_from_the_keyboard(server):
    base = server["url"]

    def scenario(browser):
        page = agent_page(browser, base, "liwei", locale="en-US", **DESKTOP)
        page.keyboard.press("/")
        assert page.evaluate("document.activeElement.id") == "q"
        page.keyboard.type("Withdrawal to exchange")
        page.keyboard.press("Enter")
        page.wait_for_url("**q=Withdrawal**")
        page.keyboard.press("j")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/console/tickets/{server['ticket_id']}/")
        page.keyboard.press("n")
        assert page.evaluate("document.activeElement.id") == "note-body"
        page.keyboard.type(NOTE)
        page.keyboard.press("Control+Enter")
        page.wait_for_selector(f".msg.note:has-text('{NOTE}')")
        page.keyboard.press("r")
        assert page.evaluate("document.activeElement.id") == "reply-body"
        page.keyboard.press("Escape")
        page.evaluate("document.activeElement.blur()")
        page.keyboard.press("u")
        page.wait_for_url("**/console/queue/**")

    run_browser(scenario)


def test_form_fields_are_labelled_and_the_portal_fits_a_phone(server):
    base = server["url"]
    track = f"/track/{server['ticket_number']}/?token={server['token']}"
    portal = ["/", "/request/", "/track/", track, "/help/"]
    ticket = f"/console/tickets/{server['ticket_id']}/"
    console = ["/console/queue/", ticket, "/console/supervisor/"]

    def scenario(browser):
        customer = browser.new_context(locale="zh-CN", **PHONE).new_page()
        agent = agent_page(browser, base, "mei", locale="zh-CN", **PHONE)  # a supervisor
        for page, paths in ((customer, portal), (agent, console)):
            for path in paths:
                page.goto(base + path)
                assert page.evaluate(UNLABELLED) == [], path
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= PHONE["viewport"]["width"], f"{path} scrolls sideways ({width}px)"

    run_browser(scenario)
