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


def test_several_web_processes_on_a_local_memory_cache_are_warned_about(settings):
    from walletdesk.ops.management.commands.serve import cache_not_shared

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.CHANNEL_REDIS_URL = ""
    assert cache_not_shared(web_processes=1) == ""
    assert "CACHE_REDIS_URL" in cache_not_shared(web_processes=4)
    settings.CHANNEL_REDIS_URL = "redis://127.0.0.1:6379/0"  # an install on several machines
    assert "CACHE_REDIS_URL" in cache_not_shared(web_processes=1)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/1",
        }
    }
    assert cache_not_shared(web_processes=4) == ""


def test_the_cache_is_redis_when_cache_redis_url_is_set(tmp_path):
    """The settings module itself: CACHE_REDIS_URL selects Django's Redis cache."""
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default'].get('LOCATION'))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "walletdesk.config.settings",
        "WALLETDESK_DATA_DIR": str(tmp_path),
        "CACHE_REDIS_URL": "redis://127.0.0.1:6379/1",
    }
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert out.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://127.0.0.1:6379/1",
    ], out.stderr[-500:]
