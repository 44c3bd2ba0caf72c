"""walletdesk assistant-bench-intents --train TRAIN.csv --test TEST.csv [--embeddings NAMES]:
train the assistant's intent engine on any labelled set (columns text,category) and print its
test figures as JSON. The engine is the one ASSISTANT_EMBEDDINGS selects (the assistant's own);
--embeddings overrides the setting ("use", "minilm,use", "e5,minilm,use"; "" for TF-IDF alone)."""

import csv
import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from walletdesk.assistant.embeddings import EMBEDDERS, available, forget
from walletdesk.assistant.engine import embedders_on
from walletdesk.assistant.evaluation import expected_calibration_error, percentile
from walletdesk.assistant.intents import Embedded, IntentEngine, prepare, train


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
        parser.add_argument(
            "--embeddings",
            default=None,
            help='beside TF-IDF, e.g. "use" or "minilm,use" (default: ASSISTANT_EMBEDDINGS)',
        )

    def handle(self, *args, train: Path, test: Path, embeddings: str | None, **options) -> None:
        for name in [n.strip() for n in (embeddings or "").split(",") if n.strip()]:
            if name not in EMBEDDERS:
                raise CommandError(f"unknown embedding {name!r}: one of {', '.join(EMBEDDERS)}")
            if not available(name):
                raise CommandError(f"{name} needs its extra: uv sync --extra {name}")
        texts, labels = read_csv(train)
        started = time.perf_counter()
        engine = train_engine(texts, labels, embedders_on(embeddings))
        trained = time.perf_counter() - started
        forget()  # test questions are embedded as new ones
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
            "embeddings": list(engine.embedded),
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


def train_engine(texts: list[str], labels: list[str], embedded: Embedded) -> IntentEngine:
    prepare(texts[0]) if texts else None  # load jieba and OpenCC outside the timing
    return train(texts, labels, embedded=embedded)
