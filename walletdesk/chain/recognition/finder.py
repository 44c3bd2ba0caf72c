"""Scan free text for addresses and transaction ids.

One precompiled regex finds maximal ASCII alphanumeric runs of 14+ characters (Chinese
characters and all punctuation, full-width included, end a run, so no spaces are needed).
A run is only considered when it *is* a whole candidate: an address or hash inside a
longer hex/base58 run is never matched. Each run gets a cheap shape test (length, prefix,
alphabet) before any checksum work, and the context checks (labels, explorer URLs) only
run for runs that passed it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .btc import decode_btc_base58, decode_segwit
from .context import LabelContext, UrlContext, UrlIndex, continues_list, label_before
from .evm import is_evm_address
from .tron import decode_tron_base58, tron_from_hex
from .types import (
    BTC,
    EVM,
    KIND_ADDRESS,
    KIND_HEX64_UNLABELLED,
    KIND_TX,
    TRON,
    Kind,
    Network,
    Reference,
)

_RUN_RE = re.compile(r"(?<![0-9A-Za-z])[0-9A-Za-z]{14,}(?![0-9A-Za-z])")
_HEX = frozenset("0123456789abcdefABCDEF")
_BASE58 = frozenset("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")
_BARE_TX_CHAINS = (TRON, BTC)
# A 64-hex value glued to a word before it ("交易ID3f1b...", "hash0x...", "KEY9ac0..."):
# split it off so the value is still reported (and the word counts as its label).
_GLUED_HASH_RE = re.compile(r"(?:[a-z]+[g-z]|[a-z]*id)((?:0x)?[0-9a-f]{64})", re.IGNORECASE)

# Internal shape kinds, decided from the token alone.
_ADDRESS = "address"
_HEX64 = "hex64"  # bare 64 hex: TRON/BTC txid, or a private key
_EVM_HASH = "evm-hash"  # 0x + 64 hex


class _Shape(NamedTuple):
    kind: str
    value: str
    chains: tuple[str, ...]
    network: Network | None
    encoding: str


def _classify_0x(token: str) -> _Shape | None:
    body = token[2:]
    if len(body) == 40 and is_evm_address(token):
        return _Shape(_ADDRESS, token.lower(), (EVM,), None, "evm-hex")
    if len(body) == 64 and _HEX.issuperset(body):
        return _Shape(_EVM_HASH, "0x" + body.lower(), (EVM,), None, "0x-hex64")
    return None


def _classify_base58(token: str) -> _Shape | None:
    if not _BASE58.issuperset(token) or token.isdigit():
        return None
    if token[0] == "T":
        if decode_tron_base58(token) is None:
            return None
        return _Shape(_ADDRESS, token, (TRON,), None, "tron-base58")
    if token[0] in "13mn2":
        btc = decode_btc_base58(token)
        if btc is not None:
            return _Shape(_ADDRESS, btc.value, (BTC,), btc.network, btc.encoding)
    return None


def classify_token(token: str) -> _Shape | None:
    """Shape + checksum test of one whole token (no context)."""
    size = len(token)
    if size > 2 and token[0] == "0" and token[1] in "xX":
        return _classify_0x(token)
    if size == 64 and _HEX.issuperset(token):
        return _Shape(_HEX64, token.lower(), _BARE_TX_CHAINS, None, "hex64")
    if size == 42 and token[:2] == "41" and _HEX.issuperset(token):
        return _Shape(_ADDRESS, tron_from_hex(token), (TRON,), None, "tron-hex")
    head = token[:5].lower()
    if head[:3] in ("bc1", "tb1") or head == "bcrt1":
        if size > 90:
            return None
        btc = decode_segwit(token)
        if btc is None:
            return None
        return _Shape(_ADDRESS, btc.value, (BTC,), btc.network, btc.encoding)
    if 25 <= size <= 35:
        return _classify_base58(token)
    return None


class _Evidence(NamedTuple):
    tx: bool
    key: bool


def _evidence(text: str, start: int, url: UrlContext | None, prev: Reference | None) -> _Evidence:
    if url is not None and url.tx_path:
        return _Evidence(True, False)
    label: LabelContext = label_before(text, start)
    if label.tx_label or label.key_label:
        return _Evidence(label.tx_label, label.key_label)
    inherited = prev is not None and prev.tx_evidence and continues_list(text, prev.span[1], start)
    return _Evidence(inherited, False)


def _hash_reference(
    text: str,
    span: tuple[int, int],
    shape: _Shape,
    url: UrlContext | None,
    prev: Reference | None,
) -> Reference:
    evidence = _evidence(text, span[0], url, prev)
    chains = shape.chains
    network: Network | None = None
    if evidence.tx and url is not None and url.chain is not None:
        chains, network = (url.chain,), url.network
    if shape.kind == _HEX64:
        kind: Kind = KIND_TX if evidence.tx else KIND_HEX64_UNLABELLED
        if not evidence.tx:
            chains = ()
    else:  # 0x + 64 hex: an EVM tx hash unless the text calls it a key
        kind = KIND_HEX64_UNLABELLED if evidence.key else KIND_TX
    return Reference(
        kind=kind,
        value=shape.value,
        span=span,
        chains=chains,
        network=network,
        tx_evidence=evidence.tx,
        encoding=shape.encoding,
        explorer=url.host if url is not None and url.chain is not None else None,
    )


def _address_reference(span: tuple[int, int], shape: _Shape, url: UrlContext | None) -> Reference:
    network = shape.network
    explorer = None
    if url is not None and url.chain is not None:
        explorer = url.host
        if network is None and url.chain in shape.chains:
            network = url.network
    return Reference(
        kind=KIND_ADDRESS,
        value=shape.value,
        span=span,
        chains=shape.chains,
        network=network,
        encoding=shape.encoding,
        explorer=explorer,
    )


def _split_glued_hash(token: str) -> tuple[int, _Shape] | None:
    if len(token) <= 64 or not _HEX.issuperset(token[-64:]):
        return None
    glued = _GLUED_HASH_RE.fullmatch(token)
    if glued is None:
        return None
    shape = classify_token(glued.group(1))
    return None if shape is None else (glued.start(1), shape)


def find_references(text: str) -> list[Reference]:
    """Every address and transaction id in ``text``, in order of position.

    Bare 64-hex strings are only reported as ``kind="tx"`` when the text marks them as a
    transaction (a label such as ``txid`` / ``交易哈希`` shortly before, an explorer tx
    URL, or being the next item of such a labelled list); otherwise they are reported as
    ``kind="hex64_unlabelled"`` because they may be private keys. ``0x`` + 64 hex is an EVM
    tx hash, except after a key label (``private key``, ``私钥``...), where it is also
    reported as ``hex64_unlabelled``.
    """
    refs: list[Reference] = []
    urls: UrlIndex | None = None
    prev_hash: Reference | None = None
    for match in _RUN_RE.finditer(text):
        span = match.span()
        shape = classify_token(match.group())
        if shape is None:
            glued = _split_glued_hash(match.group())
            if glued is None:
                continue
            span = (span[0] + glued[0], span[1])
            shape = glued[1]
        if urls is None:
            urls = UrlIndex(text)
        url = urls.around(text, span[0], span[1])
        if shape.kind == _ADDRESS:
            refs.append(_address_reference(span, shape, url))
            continue
        ref = _hash_reference(text, span, shape, url, prev_hash)
        refs.append(ref)
        prev_hash = ref
    return refs


def recognize(value: str, *, tx_context: bool = False) -> Reference | None:
    """Classify one standalone value (e.g. a form field), ignoring surrounding whitespace.

    ``tx_context=True`` means the caller knows the value is meant as a transaction id
    (for example it was typed into a "transaction hash" field), which counts as evidence
    for a bare 64-hex string.
    """
    stripped = value.strip()
    if not stripped:
        return None
    offset = len(value) - len(value.lstrip())
    shape = classify_token(stripped)
    if shape is None:
        return None
    span = (offset, offset + len(stripped))
    if shape.kind == _ADDRESS:
        return _address_reference(span, shape, None)
    is_tx = tx_context or shape.kind == _EVM_HASH
    return Reference(
        kind=KIND_TX if is_tx else KIND_HEX64_UNLABELLED,
        value=shape.value,
        span=span,
        chains=shape.chains if is_tx else (),
        tx_evidence=tx_context,
        encoding=shape.encoding,
    )


__all__ = ["classify_token", "find_references", "recognize"]
