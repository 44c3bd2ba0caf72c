"""The nearest-neighbour votes that join the SVM's scores when embeddings are on (pure)."""

import numpy as np

from walletdesk.assistant.neighbours import Neighbours, fuse


def unit(rows):
    rows = np.asarray(rows, dtype=np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


TRAIN = unit([[1, 0.1], [1, 0.2], [0.9, 0.1], [0.1, 1], [0.2, 1], [0.1, 0.9]])
NEAR = Neighbours((TRAIN,), labels=np.array([0, 0, 0, 1, 1, 1]), classes=2)


def test_votes_go_to_the_nearest_questions_labels_and_sum_to_one():
    votes = NEAR.votes([unit([[1, 0], [0, 1]])])
    assert votes.shape == (2, 2)
    assert np.allclose(votes.sum(axis=1), 1.0)
    assert votes[0, 0] > 0.5 > votes[1, 0]


def test_a_training_question_does_not_vote_for_itself():
    alone = Neighbours((TRAIN[[0, 3]],), labels=np.array([0, 1]), classes=2)
    votes = alone.votes([TRAIN[[0, 3]]], leave_self_out=True)
    assert np.allclose(votes, [[0.0, 1.0], [1.0, 0.0]])  # each one's only other neighbour


def test_each_embedding_votes_and_the_shares_add_up():
    both = Neighbours((TRAIN, TRAIN), labels=NEAR.labels, classes=2)
    query = unit([[1, 0]])
    assert np.allclose(both.votes([query, query]), NEAR.votes([query]))


def test_fused_scores_standardise_the_svm_scores_before_adding_votes():
    scores = np.array([[10.0, 0.0], [1.0, 0.0]])
    votes = np.array([[0.0, 1.0], [0.0, 1.0]])
    fused = fuse(scores, votes)
    assert np.allclose(fused[0], fused[1])  # the scale of the SVM's scores no longer matters
    assert fused[0, 0] > fused[0, 1]
