"""Content-Security-Policy on every page, and `check --deploy` clean with production settings."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_pages_carry_a_nonce_based_policy(client):
    response = client.get("/verify/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'<style nonce="{nonce}">'.encode() in response.content
    assert client.get("/verify/")["Content-Security-Policy"] != policy  # fresh per response


@pytest.mark.slow
def test_check_deploy_passes_with_production_settings(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("WALLETDESK_", "DATABASE"))},
        "DJANGO_SETTINGS_MODULE": "walletdesk.config.settings",
        "WALLETDESK_DATA_DIR": str(tmp_path),
        "WALLETDESK_DEBUG": "0",
        "WALLETDESK_SECRET_KEY": secrets.token_urlsafe(50),
        "WALLETDESK_ALLOWED_HOSTS": "desk.example.org",
        "WALLETDESK_SECURE_COOKIES": "1",
        "WALLETDESK_HSTS_SECONDS": "31536000",
        "WALLETDESK_HSTS_PRELOAD": "1",
        "WALLETDESK_SSL_REDIRECT": "1",
        "WALLETDESK_BEHIND_TLS_PROXY": "1",
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
