"""A real Walletdesk server (`walletdesk serve`, uvicorn: HTTP and websockets) on a throwaway
database of the kind the suite runs on (a SQLite file, or a fresh PostgreSQL database next to
the test database when DATABASE_URL names PostgreSQL), and Debian's Chromium driven by
Playwright in a thread of its own (Playwright's sync API runs an event loop, which Django's
async-safety checks would object to in the test thread)."""

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


def _postgres_admin(url: str):
    """An autocommit connection to the maintenance database of the server `url` names."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    params = {**conninfo_to_dict(url), "dbname": "postgres"}
    return psycopg.connect(**params, autocommit=True)


@contextmanager
def _throwaway_database(data: Path, follow_suite: bool) -> Iterator[str]:
    """A SQLite file in `data`; or, when the suite runs on PostgreSQL (and `follow_suite`), a
    fresh database on the same server, dropped afterwards."""
    suite_url = os.environ.get("DATABASE_URL", "")
    if not (follow_suite and suite_url.startswith(("postgres://", "postgresql://"))):
        yield f"sqlite:///{data / 'db.sqlite3'}"
        return
    base, _, query = suite_url.partition("?")
    server, _, suite_db = base.rpartition("/")
    name = f"{suite_db[:30]}_live_{os.getpid()}_{data.name[-12:]}".lower()
    name = "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in name)[:63]
    with _postgres_admin(suite_url) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}" + (f"?{query}" if query else "")
    finally:
        with _postgres_admin(suite_url) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def live_walletdesk(
    data: Path, seed_script: Path, *, follow_suite_database: bool = False, **extra_env: str
) -> Iterator[dict]:
    """Migrate a fresh database, run `seed_script` (its last stdout line is JSON facts), serve
    with `walletdesk serve` on a free port; yields the facts with "url", "database_url" and
    "db" (the SQLite file; absent on PostgreSQL).

    The database is a SQLite file in `data`, unless `follow_suite_database` and the suite runs
    on PostgreSQL: then a fresh PostgreSQL database on the suite's server (real commits,
    the connection pool, row locks: what production runs on)."""
    with _throwaway_database(data, follow_suite_database) as database_url:
        facts = {"database_url": database_url}
        if database_url.startswith("sqlite"):
            facts["db"] = data / "db.sqlite3"
        with _serve(data, seed_script, database_url, extra_env) as served:
            yield {**facts, **served}


@contextmanager
def _serve(data: Path, seed_script: Path, database_url: str, extra_env: dict) -> Iterator[dict]:
    env = {
        **os.environ,
        "WALLETDESK_DATA_DIR": str(data),
        "DATABASE_URL": database_url,
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
        yield {"url": url, **facts}
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def chain_env(tron_url: str) -> dict[str, str]:
    """The server looks up TRON transactions on a local node replaying recorded answers, and
    runs tasks at once (no worker): a re-check in the console shows its result right away."""
    return {
        "CHAIN_TRON_URL": tron_url,
        "OUTBOUND_ALLOWED_HOSTS": "127.0.0.1",
        "CHAIN_RETRIES": "0",
        "CHAIN_CACHE_SECONDS": "0",
        "TASKS_BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
    }


@pytest.fixture(scope="session")
def tron_node():
    """A TRON node replaying recorded answers; the seeded hash is not found until a test says
    otherwise (tron_node.tx(info=...))."""
    from tests.chain.conftest import TronNode

    with TronNode() as node:
        node.tx()
        node.block(66860030, solid=66860020)
        yield node


def live_query(facts: dict, sql: str, params: tuple = ()) -> list[tuple]:
    """Read the live server's database directly (SQLite file or PostgreSQL): what it committed.
    `sql` uses %s placeholders."""
    url = facts["database_url"]
    if url.startswith("sqlite"):
        import sqlite3

        with sqlite3.connect(facts["db"]) as db:
            return db.execute(sql.replace("%s", "?"), params).fetchall()
    import psycopg

    with psycopg.connect(url) as db:
        return db.execute(sql, params).fetchall()


@pytest.fixture(scope="session")
def server(tmp_path_factory, tron_node):
    """Base URL of a live server, and the seeded facts (agents, one ticket, one ticket quoting
    a TRON transaction hash)."""
    data = tmp_path_factory.mktemp("wd-browser")
    seed = ROOT / "tests/browser/seed.py"
    env = chain_env(tron_node.url)
    with live_walletdesk(data, seed, follow_suite_database=True, **env) as facts:
        yield {**facts, "tron_node": tron_node}


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


_SIGNED_IN: dict[tuple[str, str], dict] = {}  # (server URL, username) -> Playwright storage state


def agent_page(browser, base: str, username: str, *, locale: str = "en-US", **size):
    """A page of an agent signed in to the console. The first call per agent and server goes
    through the sign-in form and the TOTP step; later ones reuse its session cookies (a TOTP
    code is good once, so a second sign-in within the same 30 s step would wait for the next)."""
    state = _SIGNED_IN.get((base, username))
    context = browser.new_context(locale=locale, storage_state=state, **size)
    page = context.new_page()
    if state is None:
        sign_in(page, base, username)
        _SIGNED_IN[(base, username)] = context.storage_state()
    else:
        page.goto(base + "/console/queue/")
        page.wait_for_selector("#queue-title", timeout=15_000)
    return page
