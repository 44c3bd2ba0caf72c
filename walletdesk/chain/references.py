"""Which references in a text may be looked up, and the guard's hash_is_tx callback (pure).

A bare 64-hex string may be a private key. It is only looked up (and only kept by the
redactor) when the recognition layer reports it as ``kind="tx"``: a label such as txid /
交易哈希 / hash before it, an explorer link, or an item of such a labelled list. Values the
recognition layer reports as ``hex64_unlabelled`` are never sent anywhere.
"""

from __future__ import annotations

from collections.abc import Callable

from .address import KIND_ADDRESS, KIND_TX, Reference, find_references

MAX_REFERENCES = 5  # per ticket: a pasted block of addresses must not fan out into many calls


def lookup_targets(text: str, *, limit: int = MAX_REFERENCES) -> list[Reference]:
    """Transaction hashes first, then addresses; unique values; never hex64_unlabelled."""
    refs = [ref for ref in find_references(text) if ref.kind in (KIND_TX, KIND_ADDRESS)]
    unique = list({(ref.kind, ref.value): ref for ref in refs}.values())
    unique.sort(key=lambda ref: ref.kind != KIND_TX)
    return unique[:limit]


def quoted_addresses(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r.value for r in find_references(text) if r.kind == KIND_ADDRESS))


def tx_hash_checker(text: str) -> Callable[[str], bool]:
    """``hash_is_tx`` for ``walletdesk.guard.redaction.redact(text, hash_is_tx=...)``.

    True only for 64-hex values (as written, with or without 0x) that recognition found as
    transaction ids in this same text, so a hash stays usable and a key is redacted.
    """
    tx_values = {ref.value for ref in find_references(text) if ref.kind == KIND_TX}

    def hash_is_tx(value: str) -> bool:
        return value.lower() in tx_values

    return hash_is_tx
