"""Nearest-neighbour votes over the sentence embeddings, added to the SVM's scores when the
engine has embeddings (pure): each of a question's K most similar training questions in each
embedding votes for its label with weight exp(SHARPNESS * cosine). The SVM's scores are
standardised per question first, so one weight (VOTE_WEIGHT) fits every training set; K,
SHARPNESS and the weight were chosen by cross-validation on Banking77's training split. A zero
row (a text an English-only model was not given) casts no votes and is nobody's neighbour."""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

K = 5
SHARPNESS = 10.0
VOTE_WEIGHT = 1.0
CHUNK = 1024  # questions per similarity block (1,024 x 10,000 floats: 40 MB)


@dataclass(frozen=True)
class Neighbours:
    vectors: tuple[np.ndarray, ...]  # the training questions' embeddings, one matrix each
    labels: np.ndarray  # the class index of each training question
    classes: int

    @cached_property
    def silent(self) -> tuple[np.ndarray, ...]:
        """Per embedding, the training rows that are zero."""
        return tuple(~vectors.any(axis=1) for vectors in self.vectors)

    def votes(self, queries: Sequence[np.ndarray], *, leave_self_out: bool = False) -> np.ndarray:
        """Each class's share of the weighted votes, one row per question (rows sum to one).
        `leave_self_out`: the queries are the training questions themselves, in order."""
        total = np.zeros((len(queries[0]), self.classes))
        for query, vectors, silent in zip(queries, self.vectors, self.silent, strict=True):
            k = min(K, len(vectors) - leave_self_out)
            for start in range(0, len(query), CHUNK):
                block = query[start : start + CHUNK]
                sims = block @ vectors.T
                sims[:, silent] = -np.inf
                rows = np.arange(len(sims))
                if leave_self_out:
                    sims[rows, rows + start] = -np.inf
                top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
                weights = np.exp(SHARPNESS * np.take_along_axis(sims, top, axis=1))
                weights *= block.any(axis=1, keepdims=True)  # a zero question casts no votes
                np.add.at(
                    total, (np.repeat(rows + start, k), self.labels[top].ravel()), weights.ravel()
                )
        return total / np.maximum(total.sum(axis=1, keepdims=True), 1e-12)


def fuse(scores: np.ndarray, votes: np.ndarray) -> np.ndarray:
    """The SVM's scores standardised per question, plus the weighted votes."""
    spread = np.maximum(scores.std(axis=1, keepdims=True), 1e-9)
    return (scores - scores.mean(axis=1, keepdims=True)) / spread + VOTE_WEIGHT * votes
