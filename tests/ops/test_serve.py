"""`walletdesk serve` starts a real server (ASGI with uvicorn, or WSGI with gunicorn) that
answers HTTP. Runs against a throwaway SQLite file so it never touches the test database."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
@pytest.mark.parametrize("mode", [[], ["--wsgi", "--threads", "2"]], ids=["asgi", "wsgi"])
def test_serve_answers_health_and_api_errors(mode, tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "WALLETDESK_EMBEDDED_WORKER": "0",
    }
    cli = [sys.executable, "-m", "walletdesk.cli"]
    subprocess.run([*cli, "migrate", "--no-input", "-v", "0"], env=env, check=True, cwd=ROOT)  # noqa: S603
    server = subprocess.Popen(  # noqa: S603
        [*cli, "serve", "--port", str(port), *mode], env=env, cwd=ROOT, stdout=subprocess.DEVNULL
    )
    try:
        health = None
        for _ in range(300):
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert health is not None and health.status_code == 200
        refused = httpx.post(f"http://127.0.0.1:{port}/api/v1/tickets", json={}, timeout=5)
        assert refused.status_code == 401
        assert "error" in refused.json()
    finally:
        server.terminate()
        server.wait(30)
