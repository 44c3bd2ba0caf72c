"""The knowledge-gap report (pure): questions the assistant could not answer, grouped by what
they are about, so that editors see which articles are missing.

TF-IDF over the jieba words that name topics (fillers and pronouns dropped) and character
pairs of Chinese runs (Chinese needs no spaces; typos still share pairs), then agglomerative
clustering by cosine distance with a distance threshold (the number of groups follows from
the data). Above `KMEANS_FROM` questions MiniBatchKMeans
takes over (agglomerative clustering needs the square distance matrix)."""

import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.cluster import AgglomerativeClustering, MiniBatchKMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from walletdesk.assistant.intents import prepare, words
from walletdesk.assistant.vague import EN_EMPTY, ZH_EMPTY

CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")

DISTANCE = 0.95  # average cosine distance under which questions are one group (measured)
KMEANS_FROM = 3000
KMEANS_SIZE = 8  # questions per group, on average, for MiniBatchKMeans
TOP_TERMS = 6
EXAMPLES = 3


@dataclass(frozen=True)
class Question:
    text: str  # redacted
    language: str = ""
    intent: str = ""  # the assistant's best guess
    reason: str = ""  # why it was not answered (low_confidence, vague, not_helped ...)


@dataclass
class Gap:
    size: int
    terms: list[str]
    examples: list[str]
    languages: dict[str, int] = field(default_factory=dict)
    intents: dict[str, int] = field(default_factory=dict)
    reasons: dict[str, int] = field(default_factory=dict)


def topic_words(text: str) -> list[str]:
    """jieba words that may name a topic: no fillers, pronouns or punctuation."""
    kept = []
    for word in words(text.lower()):
        if not re.search(r"[a-z0-9\u4e00-\u9fff]", word) or word in EN_EMPTY:
            continue
        if all(ch in ZH_EMPTY for ch in word):
            continue
        kept.append(word)
    return kept


def chinese_bigrams(text: str) -> list[str]:
    """Character pairs inside Chinese runs: Chinese needs no spaces, and a mis-segmented or
    mistyped word still shares most pairs."""
    return [run[i : i + 2] for run in CJK_RUN.findall(text) for i in range(len(run) - 1)]


def _blocks(prepared: list[str]) -> list[tuple[TfidfVectorizer, csr_matrix]]:
    """The TF-IDF blocks that have any terms (English-only text has no Chinese pairs)."""
    blocks = []
    for analyzer in (topic_words, chinese_bigrams):
        vectorizer = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True)
        try:
            blocks.append((vectorizer, vectorizer.fit_transform(prepared)))
        except ValueError:  # empty vocabulary
            continue
    return blocks


def _labels(matrix, count: int) -> np.ndarray:
    if count < 2:
        return np.zeros(count, dtype=int)
    if count >= KMEANS_FROM:
        model = MiniBatchKMeans(n_clusters=count // KMEANS_SIZE, random_state=0, n_init=3)
        return model.fit_predict(matrix)
    clustering = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=DISTANCE
    )
    return clustering.fit_predict(matrix.toarray())


def _terms(word_matrix, vocabulary: np.ndarray, members: np.ndarray) -> list[str]:
    weights = np.asarray(word_matrix[members].mean(axis=0)).ravel()
    order = np.argsort(-weights)[:TOP_TERMS]
    return [str(vocabulary[i]) for i in order if weights[i] > 0]


def _examples(matrix, members: np.ndarray, texts: list[str]) -> list[str]:
    """The questions nearest the group's centre, distinct."""
    rows = matrix[members]
    centre = normalize(np.asarray(rows.mean(axis=0)))
    nearest = np.argsort(-(rows @ centre.T).ravel())
    seen: list[str] = []
    for i in nearest:
        text = texts[members[i]]
        if text not in seen:
            seen.append(text)
        if len(seen) == EXAMPLES:
            break
    return seen


def cluster_questions(questions: list[Question], *, min_size: int = 2) -> list[Gap]:
    """Groups of at least `min_size` questions, largest first."""
    if not questions:
        return []
    texts = [q.text for q in questions]
    blocks = _blocks([prepare(t) for t in texts])
    if not blocks:
        return []
    matrix = normalize(hstack([m for _, m in blocks])).tocsr()
    vectorizer, term_matrix = blocks[0]
    vocabulary = vectorizer.get_feature_names_out()
    labels = _labels(matrix, len(texts))
    gaps = []
    for label, size in Counter(labels.tolist()).most_common():
        if size < min_size:
            continue
        members = np.flatnonzero(labels == label)
        chosen = [questions[i] for i in members]
        gaps.append(
            Gap(
                size=size,
                terms=_terms(term_matrix, vocabulary, members),
                examples=_examples(matrix, members, texts),
                languages=dict(Counter(q.language for q in chosen if q.language)),
                intents=dict(Counter(q.intent for q in chosen if q.intent).most_common(3)),
                reasons=dict(Counter(q.reason for q in chosen if q.reason)),
            )
        )
    return gaps
