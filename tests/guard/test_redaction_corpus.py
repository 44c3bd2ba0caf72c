"""Recall and false positives on the redaction corpus (tests/guard/corpus/build_corpus.py)."""

import json
from pathlib import Path

import pytest

from walletdesk.guard.redaction import MARKERS, redact

CORPUS = Path(__file__).parent / "corpus"


def _load(name: str) -> list[dict]:
    with (CORPUS / name).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


POSITIVES = _load("positives.jsonl")
NEGATIVES = _load("negatives.jsonl")


def test_corpus_is_big_and_varied():
    assert len(POSITIVES) >= 300
    assert len(NEGATIVES) >= 2000
    languages = {record["lang"] for record in POSITIVES}
    for language in ("english", "chinese_simplified", "chinese_traditional", "japanese"):
        assert language in languages
    formats = {record["format"].split("/")[0] for record in POSITIVES}
    assert {"nospace", "circled", "newline", "comma", "dash", "mixed_case"} <= formats
    assert {"private_key", "wif_key", "extended_private_key", "keystore_json"} <= formats
    assert {record["lang"] for record in NEGATIVES} == {"en", "zh"}


def test_recall_on_positives_is_total():
    missed = []
    for record in POSITIVES:
        result = redact(record["text"])
        kinds = {finding.kind for finding in result.findings}
        leaked = [fragment for fragment in record["fragments"] if fragment in result.text]
        lost = [value for value in record.get("keep", []) if value not in result.text]
        if leaked or lost or not set(record["kinds"]) <= kinds:
            missed.append(record["id"])
    recall = 1 - len(missed) / len(POSITIVES)
    print(f"\nrecall {recall:.2%} over {len(POSITIVES)} positives; missed: {missed}")
    assert missed == []


def test_false_positive_rate_on_negatives_is_below_half_a_percent():
    flagged = [record["id"] for record in NEGATIVES if redact(record["text"]).findings]
    rate = len(flagged) / len(NEGATIVES)
    print(f"\nfalse positives {rate:.3%} ({len(flagged)}/{len(NEGATIVES)}): {flagged}")
    assert rate < 0.005


@pytest.mark.parametrize("record", POSITIVES[::7], ids=lambda record: record["id"])
def test_markers_are_in_the_text_where_findings_say(record):
    result = redact(record["text"])
    assert result.findings
    for finding in result.findings:
        assert result.text[finding.start : finding.end] == MARKERS[finding.kind]


def test_redacting_redacted_text_changes_nothing():
    for record in POSITIVES + NEGATIVES[::5]:
        once = redact(record["text"]).text
        twice = redact(once)
        assert twice.text == once, record["id"]
        assert twice.findings == (), record["id"]
