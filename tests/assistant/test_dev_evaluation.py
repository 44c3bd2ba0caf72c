"""The contract figures on the labelled dev questions (never trained on): intent accuracy,
calibration, article hits, security handover and out-of-scope refusal. Floors sit a little
below what the engine reaches today (accuracy 1.00, ECE 0.015, hit@1 1.00 on 75 questions)."""

import json
from pathlib import Path

import pytest

from walletdesk.assistant.engine import DATA_DIR, TRAIN_FILES
from walletdesk.assistant.evaluation import evaluate, read_questions

DEV = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev_questions.jsonl"
pytestmark = pytest.mark.skipif(not DEV.exists(), reason=f"needs the shared eval set at {DEV}")


@pytest.fixture(scope="module")
def report():
    return evaluate(read_questions(DEV))


def test_dev_questions_are_not_in_the_training_data():
    dev = {row["text"].strip() for row in read_questions(DEV)}
    for name in TRAIN_FILES:
        lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
        train = {json.loads(line)["text"].strip() for line in lines if line.strip()}
        assert not dev & train


def test_intent_accuracy_and_calibration(report):
    assert report["questions"] == 75
    assert report["intent_accuracy"] >= 0.96
    assert report["expected_calibration_error"] <= 0.05
    for figures in report["per_language"].values():
        assert figures["intent_accuracy"] >= 0.94


def test_article_hits(report):
    assert report["article_hit_at_1"] >= 0.93
    assert report["article_hit_at_3"] >= 0.97


def test_every_security_and_contact_question_is_handed_over(report):
    assert report["handover_recall"] == 1.0


def test_out_of_scope_questions_are_refused(report):
    assert report["refusal_rate_out_of_scope"] >= 0.99
