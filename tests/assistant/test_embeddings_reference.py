"""Each pinned embedding wheel still produces the vectors we measured with (stored reference
vectors), and the engine trains and predicts with its block switched on. A wheel that is not
installed (its optional extra) skips its tests with the reason."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from walletdesk.assistant.embeddings import EMBEDDERS, available, embed, embedder_version
from walletdesk.assistant.intents import train

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[2]


def needs(name: str) -> pytest.MarkDecorator:
    reason = f"the optional {name} extra is not installed (uv sync --extra {name})"
    return pytest.mark.skipif(not available(name), reason=reason)


NAMES = [pytest.param(name, marks=needs(name)) for name in EMBEDDERS]


def reference(name: str) -> dict:
    return json.loads((DATA / f"{name}_reference.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", NAMES)
def test_the_wheel_is_the_pinned_version(name):
    assert embedder_version(name) == reference(name)["embedder"]


@pytest.mark.parametrize("name", NAMES)
def test_embeddings_match_the_stored_reference_vectors(name):
    stored_reference = reference(name)
    vectors = embed(stored_reference["texts"], name)
    stored = np.asarray(stored_reference["vectors"], dtype=np.float32)
    assert vectors.shape == stored.shape == (3, EMBEDDERS[name].dim)
    cosines = np.sum(vectors * stored, axis=1) / np.linalg.norm(stored, axis=1)
    assert cosines.min() > 0.999


@pytest.mark.parametrize("name", NAMES)
def test_duplicates_are_embedded_once_and_returned_in_order(name):
    vectors = embed(["b", "a", "b"], name)
    assert np.array_equal(vectors[0], vectors[2])
    assert not np.array_equal(vectors[0], vectors[1])


@pytest.mark.parametrize("name", NAMES)
def test_an_engine_with_embeddings_ranks_by_meaning(name):
    texts = ["send money", "pay my bill", "transfer cash", "hello there", "hi friend", "早上好"]
    labels = ["pay", "pay", "pay", "greet", "greet", "greet"]
    engine = train(texts, labels, embedded=(name,))
    assert engine.embedded == (name,)
    assert engine.rank("good evening, nice to meet you", k=2)[0].intent == "greet"


WITHOUT_NETWORK = """
import socket

def refuse(*args, **kwargs):
    raise OSError("the encoder tried the network")

socket.socket.connect = refuse
socket.create_connection = refuse
from walletdesk.assistant.embeddings import embed
print(embed(["my card was declined"], "minilm").shape)
"""


@needs("minilm")
def test_minilm_loads_from_its_wheel_without_the_network(tmp_path):
    """No model hub at run time: the model comes from the wheel's directory, sockets refused."""
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", WITHOUT_NETWORK],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["(1,", "384)"]
