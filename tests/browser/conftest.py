"""A real Walletdesk server (`walletdesk serve`, uvicorn: HTTP and websockets) on a throwaway
SQLite database, and Debian's Chromium driven by Playwright in a thread of its own (Playwright's
sync API runs an event loop, which Django's async-safety checks would object to in the test
thread)."""

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
DESKTOP = {"viewport": {"width": 1280, "height": 860}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

pytestmark = pytest.mark.slow
STARTUP_SECONDS = 180  # generous: CI machines are shared


def _skip_reason() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"needs Debian's Chromium at {CHROMIUM} (CI installs it)"
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        # The server under test always runs on its own SQLite file: once per CI run is enough.
        return "browser tests run in the SQLite pass only (their server has its own database)"
    return None


def pytest_collection_modifyitems(items):
    reason = _skip_reason()
    if reason:
        for item in items:
            if "tests/browser" in str(item.fspath):
                item.add_marker(pytest.mark.skip(reason=reason))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(url: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/health", timeout=1):  # noqa: S310 (our server)
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not start within {STARTUP_SECONDS} s")


@contextmanager
def live_walletdesk(data: Path, seed_script: Path, **extra_env: str) -> Iterator[dict]:
    """Migrate a fresh SQLite file in `data`, run `seed_script` (its last stdout line is JSON
    facts), serve with `walletdesk serve` on a free port; yields the facts with "url" and "db"."""
    env = {
        **os.environ,
        "WALLETDESK_DATA_DIR": str(data),
        "DATABASE_URL": f"sqlite:///{data / 'db.sqlite3'}",
        "WALLETDESK_EMBEDDED_WORKER": "false",
        "DJANGO_SETTINGS_MODULE": "walletdesk.config.settings",
        **extra_env,
    }
    bin_dir = Path(sys.executable).parent
    subprocess.run(  # noqa: S603 (our own command)
        [bin_dir / "walletdesk", "migrate", "-v0"], env=env, check=True, cwd=ROOT
    )
    seeded = subprocess.run(  # noqa: S603
        [sys.executable, seed_script], env=env, check=True, cwd=ROOT, capture_output=True, text=True
    )
    facts = json.loads(seeded.stdout.strip().splitlines()[-1])
    port = _free_port()
    proc = subprocess.Popen(  # noqa: S603
        [bin_dir / "walletdesk", "serve", "--port", str(port), "--no-worker"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,  # nobody reads it; a full pipe would stall the server
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, proc)
        yield {"url": url, "db": data / "db.sqlite3", **facts}
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """Base URL of a live server, and the seeded facts (agents, one ticket)."""
    data = tmp_path_factory.mktemp("wd-browser")
    with live_walletdesk(data, ROOT / "tests/browser/seed.py") as facts:
        yield facts


def run_browser(scenario: Callable) -> None:
    """Run `scenario(browser)` with a fresh Chromium in its own thread; re-raise its failure."""
    failure: list[BaseException] = []

    def target() -> None:
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
                try:
                    scenario(browser)
                finally:
                    browser.close()
        except BaseException as exc:  # handed to the test thread
            failure.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout=240)
    if thread.is_alive():
        raise TimeoutError("the browser scenario did not finish in 240 s")
    if failure:
        raise failure[0]


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


TOTP_KEY = "3132333435363738393031323334353637383930"  # as in seed.py


def second_factor(page) -> None:
    """The guard's TOTP step after the password, when the server asks for it. A code is good
    once (replay protection), so a second sign-in within the same 30 s step waits for the next."""
    from django_otp.oath import TOTP

    token = page.locator("input[name=token]")
    try:
        token.wait_for(timeout=5_000)
    except Exception:
        return  # no second factor asked (WALLETDESK_STAFF_2FA_REQUIRED=false)
    for _attempt in range(2):
        totp = TOTP(bytes.fromhex(TOTP_KEY))
        token.fill(f"{totp.token():06d}")
        page.locator("form:has(input[name=token]) button").first.click()
        page.wait_for_load_state()
        if not page.locator("input[name=token]").count():
            return
        time.sleep(30 - time.time() % 30 + 1)


def sign_in(page, base: str, username: str) -> None:
    page.goto(base + "/console/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-" + username)
    page.click("#login-form button[type=submit]")
    second_factor(page)
    try:
        page.wait_for_selector("#queue-title", timeout=15_000)
    except Exception:
        shot(page, f"failed-sign-in-{username}")
        raise
