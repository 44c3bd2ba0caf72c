"""Cross-validated accuracy of the assistant's intent engine (the product's `intents.train`,
uncalibrated: the ranking is the same), to choose an engine or its weights without reading a
test split.

    .venv/bin/python bench/intents_cv.py --train ../shared/data/banking77/train.csv \\
                                         [--embeddings use] [--folds 5]
    .venv/bin/python bench/intents_cv.py --assistant [--embeddings use]

--train: stratified folds (seed 1) over the CSV's rows (columns text,category).
--assistant: the labelled questions of train_{zh,en}.jsonl in folds, every article's title and
phrasings in every training fold (the protocol of docs/assistant.md).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from _common import ROOT


def cross_validate(
    texts: list[str],
    labels: list[str],
    *,
    always: tuple[list[str], list[str]] = ([], []),
    embedded: tuple[str, ...] = (),
    folds: int = 5,
) -> list[float]:
    """Accuracy on each held-out fold; `always` joins every training fold."""
    from sklearn.model_selection import StratifiedKFold

    from walletdesk.assistant.intents import prepare, train

    scores = []
    for fit, held in StratifiedKFold(folds, shuffle=True, random_state=1).split(texts, labels):
        engine = train(
            [texts[i] for i in fit] + always[0],
            [labels[i] for i in fit] + always[1],
            embedded=embedded,
            calibrate=False,
        )
        raw = [texts[i] for i in held]
        best = engine.probabilities([prepare(t) for t in raw], raw).argmax(axis=1)
        right = [engine.classes[b] == labels[i] for b, i in zip(best, held, strict=True)]
        scores.append(statistics.mean(right))
    return scores


def assistant_examples() -> tuple[list[str], list[str], tuple[list[str], list[str]]]:
    from walletdesk.assistant import engine

    texts, labels = [], []
    for name in engine.TRAIN_FILES:
        for row in engine._rows(engine.DATA_DIR / name):
            texts.append(row["text"])
            labels.append(row["intent"])
    every_text, every_label = engine.training_examples(engine.library())
    return texts, labels, (every_text[len(texts) :], every_label[len(texts) :])


def main() -> None:
    parser = argparse.ArgumentParser()
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--train", type=Path, help="a labelled CSV (text,category)")
    source.add_argument("--assistant", action="store_true", help="the assistant's questions")
    parser.add_argument("--embeddings", default="", help='"use", "minilm,use", ... (extras)')
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "walletdesk.config.settings")
    import django

    django.setup()
    from walletdesk.assistant.engine import embedders_on
    from walletdesk.assistant.management.commands.assistant_bench_intents import read_csv

    always: tuple[list[str], list[str]] = ([], [])
    if args.train:
        texts, labels = read_csv(args.train)
    else:
        texts, labels, always = assistant_examples()
    embedded = embedders_on(args.embeddings)
    started = time.perf_counter()
    scores = cross_validate(texts, labels, always=always, embedded=embedded, folds=args.folds)
    print(
        f"{args.folds}-fold CV, {len(texts)} examples, engine {'+'.join(('TF-IDF', *embedded))}: "
        f"accuracy {statistics.mean(scores):.2%} (folds {', '.join(f'{s:.2%}' for s in scores)}); "
        f"{time.perf_counter() - started:.0f} s"
    )


if __name__ == "__main__":
    main()
