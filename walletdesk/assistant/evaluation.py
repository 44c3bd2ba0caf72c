"""The assistant's figures on a labelled question file (the contract in shared/eval):
intent accuracy and calibration, article hit@k, handover and refusal rates, per language,
confusions and latency. Reads no database: understanding and the pure policy only."""

import json
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path

import numpy as np

from walletdesk.assistant import policy
from walletdesk.assistant.engine import understand
from walletdesk.core.taxonomy import intent_categories

HANDOVER_INTENTS = frozenset(
    [s for s, c in intent_categories().items() if c == "security"] + [policy.CONTACT_HUMAN]
)


def read_questions(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def expected_calibration_error(confidences, correct, bins: int = 10) -> float:
    """Weighted gap between confidence and accuracy over equal-width confidence bins."""
    conf, hit = np.asarray(confidences, float), np.asarray(correct, float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    total = 0.0
    for low, high in pairwise(edges):
        inside = (conf > low) & (conf <= high)
        if inside.any():
            total += inside.mean() * abs(conf[inside].mean() - hit[inside].mean())
    return float(total)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def _one(row: dict) -> dict:
    started = time.perf_counter()
    understood = understand(row["text"])
    decision = policy.decide(understood.intents, text=row["text"])
    elapsed = (time.perf_counter() - started) * 1000
    labelled = set(row.get("articles") or [])
    return {
        "lang": row.get("lang", understood.language.base),
        "truth": row["intent"],
        "predicted": understood.top.intent,
        "confidence": understood.top.probability,
        "action": str(decision.action),
        "hit1": bool(labelled & set(understood.articles[:1])) if labelled else None,
        "hit3": bool(labelled & set(understood.articles[:3])) if labelled else None,
        "ms": elapsed,
    }


def _rate(values: Iterable[bool | None]) -> float | None:
    kept = [v for v in values if v is not None]
    return round(sum(kept) / len(kept), 4) if kept else None


def summarize(results: list[dict]) -> dict:
    correct = [r["truth"] == r["predicted"] for r in results]
    must_hand_over = [r for r in results if r["truth"] in HANDOVER_INTENTS]
    out_of_scope = [r for r in results if r["truth"] == policy.OUT_OF_SCOPE]
    return {
        "questions": len(results),
        "intent_accuracy": _rate(correct),
        "expected_calibration_error": round(
            expected_calibration_error([r["confidence"] for r in results], correct), 4
        ),
        "mean_confidence": round(statistics.fmean(r["confidence"] for r in results), 4),
        "article_hit_at_1": _rate(r["hit1"] for r in results),
        "article_hit_at_3": _rate(r["hit3"] for r in results),
        "handover_recall": _rate(r["action"] == "handover" for r in must_hand_over),
        "refusal_rate_out_of_scope": _rate(r["action"] == "refuse" for r in out_of_scope),
        "actions": dict(Counter(r["action"] for r in results)),
        "latency_ms": {
            "p50": round(percentile([r["ms"] for r in results], 0.5), 2),
            "p99": round(percentile([r["ms"] for r in results], 0.99), 2),
        },
    }


def evaluate(rows: list[dict]) -> dict:
    understand(rows[0]["text"]) if rows else None  # load the engines outside the timings
    results = [_one(row) for row in rows]
    by_lang: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        by_lang[r["lang"]].append(r)
    confusions = Counter(
        (r["truth"], r["predicted"]) for r in results if r["truth"] != r["predicted"]
    )
    report = summarize(results)
    report["per_language"] = {
        lang: {k: v for k, v in summarize(rs).items() if k not in ("actions", "latency_ms")}
        for lang, rs in sorted(by_lang.items())
    }
    report["confusions"] = [
        {"truth": t, "predicted": p, "count": n} for (t, p), n in confusions.most_common()
    ]
    return report
