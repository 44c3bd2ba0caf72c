"""The embeddable widget in Chromium against a live server: send, acknowledge, live agent
reply, and a reload that resumes the conversation from localStorage."""

import json
import sqlite3
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM, live_walletdesk, run_browser

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"needs Chromium at {CHROMIUM}"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("wd-widget")
    seed = Path(__file__).parent / "_browser_seed.py"
    backend = "django.tasks.backends.immediate.ImmediateBackend"
    # Tasks run inside the request here, so an assistant on chat would train its model on a
    # fresh data directory before the ack; the widget's transport is what this file tests.
    env = {"TASKS_BACKEND": backend, "WALLETDESK_ASSISTANT_CHANNELS": ""}
    with live_walletdesk(data, seed, **env) as facts:
        yield facts


def latest_chat_ticket(server: dict) -> int:
    with sqlite3.connect(server["db"]) as db:
        row = db.execute(
            "SELECT ticket_id FROM tickets_message WHERE channel = 'chat' ORDER BY id DESC"
        ).fetchone()
    return int(row[0])


def agent_reply(server: dict, ticket_id: int, body: str) -> None:
    request = urllib.request.Request(  # noqa: S310 (our own test server)
        f"{server['url']}/api/v1/agent/tickets/{ticket_id}/replies",
        data=json.dumps({"body": body}).encode(),
        headers={
            "Authorization": f"Bearer {server['agent_token']}",
            "Content-Type": "application/json",
        },
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        assert response.status == 201


def test_widget_sends_receives_and_resumes(server):
    def scenario(browser):
        page = browser.new_page()
        page.goto(server["url"] + "/health")  # any page of the desk's origin hosts the tag
        page.add_script_tag(url=server["url"] + "/static/webchat/widget.js")
        page.locator(".btn").click()
        page.locator("textarea").fill("My USDT has not arrived")
        page.locator("form button").click()
        page.locator(".msg.customer:not(.pending)").wait_for(timeout=10_000)  # acknowledged
        agent_reply(server, latest_chat_ticket(server), "Please send the transaction hash.")
        page.locator(".msg.agent").wait_for(timeout=10_000)
        assert "transaction hash" in page.locator(".msg.agent").inner_text()
        page.reload()  # a new page load resumes the same conversation
        page.add_script_tag(url=server["url"] + "/static/webchat/widget.js")
        page.locator(".btn").click()
        page.locator(".msg.agent").wait_for(timeout=10_000)
        assert page.locator(".msg.customer").count() == 1

    run_browser(scenario)
