"""An English-only encoder (`minilm`) is never given text with Chinese in it: such a text gets a
zero row, which adds nothing to the SVM's features and casts no nearest-neighbour votes (pure;
a stand-in encoder, so it runs without the optional extra)."""

import numpy as np
import pytest

from walletdesk.assistant import embeddings
from walletdesk.assistant.embeddings import EMBEDDERS, Embedder, embed
from walletdesk.assistant.neighbours import Neighbours

ENGLISH = Embedder("english", "english", "english", "english", 2, 1.0, chinese=False)


@pytest.fixture
def encoded(monkeypatch) -> list[str]:
    """The texts the stand-in English-only encoder was given."""
    seen: list[str] = []

    def encode(texts: list[str]) -> np.ndarray:
        seen.extend(texts)
        return np.tile(np.float32([0.6, 0.8]), (len(texts), 1))

    monkeypatch.setitem(EMBEDDERS, "english", ENGLISH)
    monkeypatch.setitem(embeddings._memo, "english", {})
    monkeypatch.setattr(embeddings, "_encoder", lambda name: encode)
    return seen


def test_text_with_chinese_gets_a_zero_row_and_never_reaches_the_encoder(encoded):
    vectors = embed(["my card was declined", "转账一直 pending 怎么 speed up", "助记词"], "english")
    assert encoded == ["my card was declined"]
    assert np.allclose(vectors, [[0.6, 0.8], [0, 0], [0, 0]])


def test_the_multilingual_encoders_are_given_chinese():
    assert EMBEDDERS["use"].chinese and EMBEDDERS["e5"].chinese
    assert not EMBEDDERS["minilm"].chinese


def test_zero_rows_cast_no_votes_and_are_nobodys_neighbour():
    train = np.float32([[1, 0], [0, 0], [0, 0], [0, 1]])
    near = Neighbours((train,), labels=np.array([0, 1, 1, 2]), classes=3)
    votes = near.votes([np.float32([[0, 0], [1, 0]])])
    assert np.allclose(votes[0], 0)  # a Chinese question: the other embeddings decide
    assert votes[1, 1] == 0  # the English question's neighbours are English questions
    assert votes[1, 0] > votes[1, 2] > 0
