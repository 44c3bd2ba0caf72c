"""The intent engine: TF-IDF over jieba words and character n-grams (plus, when the setting
names them, sentence embeddings: `embeddings.py`), a linear SVM (with embeddings, joined by the
votes of the nearest training questions: `neighbours.py`), and one temperature fitted on
out-of-fold scores so the probabilities are calibrated.

Trained from labelled (text, intent) pairs in a couple of seconds; `engine_load_or_train`
keeps the trained engine on disk, keyed by a hash of the training data and this code's version.
"""

import hashlib
import logging
import os
import pickle
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import jieba
import numpy as np
import sklearn
from scipy.optimize import minimize_scalar
from scipy.sparse import csr_matrix, hstack
from scipy.special import log_softmax, softmax
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import FeatureUnion
from sklearn.svm import LinearSVC

from walletdesk.assistant import neighbours
from walletdesk.assistant.language import fold
from walletdesk.chain.address import find_references

ENGINE_VERSION = "2"
SVM_C = 0.5
WORDS_WEIGHT_EMBEDDED = 1.5  # the word block's scale when embeddings are added (measured)
FOLDS = 5
PLACEHOLDERS = {"address": " _addr_ ", "tx": " _txhash_ ", "hex64_unlabelled": " _txhash_ "}

jieba.setLogLevel(logging.WARNING)
log = logging.getLogger(__name__)


def prepare(text: str) -> str:
    """Mask addresses and hashes (their letters are noise), then fold script and case."""
    for ref in sorted(find_references(text), key=lambda r: r.span[0], reverse=True):
        start, end = ref.span
        text = text[:start] + PLACEHOLDERS.get(ref.kind, " ") + text[end:]
    return fold(text)


def words(text: str) -> list[str]:
    return [w for w in jieba.lcut(text) if w.strip()]


def _features(embedded: bool = False) -> FeatureUnion:
    return FeatureUnion(
        [
            (
                "words",
                TfidfVectorizer(
                    tokenizer=words,
                    token_pattern=None,
                    lowercase=False,
                    ngram_range=(1, 2),
                    sublinear_tf=True,
                ),
            ),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True, min_df=2
                ),
            ),
        ],
        transformer_weights={"words": WORDS_WEIGHT_EMBEDDED} if embedded else None,
    )


Embedded = tuple[str, ...]  # names of the embeddings beside TF-IDF, in order (`embeddings.py`)


@dataclass(frozen=True)
class IntentScore:
    intent: str
    probability: float


def _embeddings(raw: list[str], embedded: Embedded) -> list[np.ndarray]:
    if not embedded:
        return []
    from walletdesk.assistant.embeddings import embed

    return [embed(raw, name) for name in embedded]


def _matrix(
    features: FeatureUnion, prepared: list[str], dense: list[np.ndarray], embedded: Embedded
):
    sparse = features.transform(prepared)
    if not embedded:
        return sparse
    from walletdesk.assistant.embeddings import EMBEDDERS

    blocks = [csr_matrix(v * EMBEDDERS[n].weight) for n, v in zip(embedded, dense, strict=True)]
    return hstack([sparse, *blocks]).tocsr()


class IntentEngine:
    def __init__(
        self,
        features: FeatureUnion,
        svm: LinearSVC,
        temperature: float,
        embedded: Embedded = (),
        near: neighbours.Neighbours | None = None,
    ):
        self.features = features
        self.svm = svm
        self.temperature = temperature
        self.embedded = embedded
        self.near = near
        self.classes: list[str] = [str(c) for c in svm.classes_]

    @property
    def known(self) -> frozenset[str]:
        """The labels it was trained on."""
        return frozenset(self.classes)

    def probabilities(self, prepared: list[str], raw: list[str]) -> np.ndarray:
        """Calibrated probabilities; `prepared` went through `prepare`, `raw` did not."""
        dense = _embeddings(raw, self.embedded)
        matrix = _matrix(self.features, prepared, dense, self.embedded)
        scores = columns(self.svm.decision_function(matrix))
        if self.near is not None:
            scores = neighbours.fuse(scores, self.near.votes(dense))
        return softmax(scores * self.temperature, axis=1)

    def rank(self, text: str, k: int = 3, *, prepared: str | None = None) -> list[IntentScore]:
        row = self.probabilities([prepared if prepared is not None else prepare(text)], [text])[0]
        order = np.argsort(-row)[:k]
        return [IntentScore(self.classes[i], float(row[i])) for i in order]


def columns(scores: np.ndarray) -> np.ndarray:
    """One score column per class (a two-class SVM returns a single column)."""
    return np.column_stack([-scores, scores]) if scores.ndim == 1 else scores


def fit_temperature(scores: np.ndarray, truth: np.ndarray) -> float:
    """The softmax temperature that minimises log loss on held-out decision scores."""

    def nll(t: float) -> float:
        return float(-log_softmax(scores * t, axis=1)[np.arange(len(truth)), truth].mean())

    return float(minimize_scalar(nll, bounds=(0.05, 200.0), method="bounded").x)


def train(
    texts: list[str],
    labels: list[str],
    *,
    c: float = SVM_C,
    embedded: Embedded = (),
    calibrate: bool = True,
) -> IntentEngine:
    """The engine for these examples; `calibrate=False` skips the temperature's five extra
    fits (temperature 1: the ranking is the same, the probabilities are not calibrated)."""
    prepared = [prepare(t) for t in texts]
    features = _features(bool(embedded))
    features.fit(prepared)
    dense = _embeddings(texts, embedded)
    matrix = _matrix(features, prepared, dense, embedded)
    svm = LinearSVC(C=c).fit(matrix, labels)
    truth = np.searchsorted(svm.classes_, labels)
    near = neighbours.Neighbours(tuple(dense), truth, len(svm.classes_)) if embedded else None
    if not calibrate:
        return IntentEngine(features, svm, 1.0, embedded, near)
    smallest = min(Counter(labels).values())
    folds = StratifiedKFold(max(2, min(FOLDS, smallest)), shuffle=True, random_state=0)
    held_out = columns(
        cross_val_predict(LinearSVC(C=c), matrix, labels, cv=folds, method="decision_function")
    )
    if near is not None:
        held_out = neighbours.fuse(held_out, near.votes(dense, leave_self_out=True))
    return IntentEngine(features, svm, fit_temperature(held_out, truth), embedded, near)


def training_key(texts: list[str], labels: list[str], embedded: Embedded = ()) -> str:
    head = f"{ENGINE_VERSION}|{sklearn.__version__}|{SVM_C}|{WORDS_WEIGHT_EMBEDDED}"
    head += f"|{neighbours.K}|{neighbours.SHARPNESS}|{neighbours.VOTE_WEIGHT}"
    if embedded:
        from walletdesk.assistant.embeddings import EMBEDDERS, embedder_version

        head += "".join(f"|{embedder_version(n)}*{EMBEDDERS[n].weight}" for n in embedded)
    digest = hashlib.sha256(head.encode())
    for text, label in zip(texts, labels, strict=True):
        digest.update(f"{label}\t{text}\n".encode())
    return digest.hexdigest()[:20]


def engine_load_or_train(
    texts: list[str], labels: list[str], cache_dir: Path, *, embedded: Embedded = ()
) -> IntentEngine:
    """The engine for this training data: from the disk cache, else trained and cached."""
    path = cache_dir / f"engine-{training_key(texts, labels, embedded)}.pkl"
    if path.exists():
        try:
            with path.open("rb") as fh:
                return pickle.load(fh)  # noqa: S301 - our own cache file, written below
        except Exception:  # a cache from another library version: retrain
            log.warning("assistant: unreadable intent cache %s, retraining", path)
    engine = train(texts, labels, embedded=embedded)
    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=cache_dir, delete=False, suffix=".tmp") as out:
        pickle.dump(engine, out)
    os.replace(out.name, path)
    return engine
