"""walletdesk assistant-bench-intents: trains the assistant's engine on any labelled CSV and
prints its test figures; --embeddings names the encoders (empty: TF-IDF alone)."""

import json

import pytest
from django.core.management import CommandError, call_command

ROWS = {
    "card_arrival": ["where is my new card", "my card has not arrived", "card still not here"],
    "top_up_failed": ["my top up failed", "top-up did not work", "could not top up my account"],
}


def write_csv(path, rows):
    lines = ["text,category"] + [f"{t},{label}" for label, items in rows.items() for t in items]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_it_prints_accuracy_training_time_and_latency(tmp_path, capsys):
    train = write_csv(tmp_path / "train.csv", ROWS)
    test = write_csv(tmp_path / "test.csv", {k: v[:1] for k, v in ROWS.items()})
    call_command("assistant_bench_intents", train=train, test=test, embeddings="")
    report = json.loads(capsys.readouterr().out)
    assert report["embeddings"] == []
    assert (report["train_examples"], report["test_examples"], report["labels"]) == (6, 2, 2)
    assert report["accuracy"] == 1.0
    assert {"training_seconds", "latency_ms", "expected_calibration_error"} <= report.keys()


def test_an_unknown_embedding_is_refused(tmp_path):
    train = write_csv(tmp_path / "train.csv", ROWS)
    with pytest.raises(CommandError, match="unknown embedding 'bert'"):
        call_command("assistant_bench_intents", train=train, test=train, embeddings="bert")
