"""Run the look-ups for one reference on the configured chains and diagnose the answers.

Network I/O, no database: callers run it outside transactions (in a task or a command).
"""

from __future__ import annotations

import logging
import time

from .address import EVM, KIND_ADDRESS, KIND_HEX64_UNLABELLED, Reference, recognize
from .diagnosis import (
    Diagnosis,
    Expectations,
    Reason,
    diagnose_address,
    diagnose_not_found_anywhere,
    diagnose_tx,
    diagnose_unavailable,
    found_elsewhere,
)
from .lookup import ChainClient, ChainLookupError, configured_clients

logger = logging.getLogger(__name__)

CHAIN_ALIASES = {
    "tron": "tron",
    "trx": "tron",
    "trc20": "tron",
    "btc": "btc",
    "bitcoin": "btc",
    "eth": "evm:1",
    "ethereum": "evm:1",
    "erc20": "evm:1",
    "bsc": "evm:56",
    "bnb": "evm:56",
    "bep20": "evm:56",
    "polygon": "evm:137",
    "arbitrum": "evm:42161",
}


def parse_chain(value: str | None) -> str | None:
    """ "tron", "eth", "bsc", "56", "evm:56" -> a chain key; None for None/""."""
    if not value:
        return None
    lowered = value.strip().lower()
    if lowered.isdigit():
        return f"evm:{lowered}"
    if lowered.startswith("evm:") and lowered[4:].isdigit():
        return lowered
    if lowered in CHAIN_ALIASES:
        return CHAIN_ALIASES[lowered]
    raise ValueError(f"unknown chain {value!r}")


def _candidates(ref: Reference, hint: str | None, clients: dict[str, ChainClient]) -> list[str]:
    """Configured chain keys that may hold ref, the hinted one first."""
    keys: list[str] = []
    for family in ref.chains:
        if family == EVM:
            keys += [key for key in clients if key.startswith("evm:")]
        elif family in clients:
            keys.append(family)
    if hint in keys:
        keys.remove(hint)
        keys.insert(0, hint)
    return keys


def _family_of(key: str) -> str:
    return key.split(":", 1)[0]


def _tx_value(ref: Reference, key: str) -> str:
    if _family_of(key) == "evm":
        return ref.value if ref.value.startswith("0x") else "0x" + ref.value
    return ref.value.removeprefix("0x")


def diagnose_reference(
    ref: Reference,
    *,
    hint: str | None = None,
    expectations: Expectations | None = None,
) -> Diagnosis:
    """One diagnosis for one recognised reference (hint: a chain key the customer named)."""
    if ref.kind == KIND_HEX64_UNLABELLED:
        return diagnose_unavailable(ref.value, "tx", "", Reason.PRIVATE_KEY_SUSPECTED, "")
    clients = configured_clients()
    keys = _candidates(ref, hint, clients)
    kind = "address" if ref.kind == KIND_ADDRESS else "tx"
    if not keys:
        chain = hint or (ref.chains[0] if ref.chains else "")
        return diagnose_unavailable(ref.value, kind, chain, Reason.NOT_CONFIGURED, "")
    if kind == "address":
        return _address(ref, keys, clients)
    return _tx(ref, keys, clients, hint, expectations or Expectations())


def _tx(
    ref: Reference,
    keys: list[str],
    clients: dict[str, ChainClient],
    hint: str | None,
    expectations: Expectations,
) -> Diagnosis:
    errors: list[str] = []
    now_ms = int(time.time() * 1000)
    for key in keys:
        try:
            facts = clients[key].tx(_tx_value(ref, key))
        except ChainLookupError as exc:
            logger.warning("chain look-up failed: %s", exc)
            errors.append(f"{key}: {exc.code}")
            continue
        if facts.found:
            diagnosis = diagnose_tx(facts, expectations=expectations, now_ms=now_ms)
            return found_elsewhere(diagnosis, hint) if hint and hint != key else diagnosis
    if errors:
        why = "; ".join(errors)
        return diagnose_unavailable(ref.value, "tx", keys[0], Reason.NODE_UNAVAILABLE, why)
    return diagnose_not_found_anywhere(ref.value, keys)


def _address(ref: Reference, keys: list[str], clients: dict[str, ChainClient]) -> Diagnosis:
    """The first chain where the address has any history (EVM addresses exist on every chain)."""
    first: Diagnosis | None = None
    errors: list[str] = []
    for key in keys:
        try:
            facts = clients[key].address(ref.value)
        except ChainLookupError as exc:
            errors.append(f"{key}: {exc.code}")
            continue
        diagnosis = diagnose_address(facts)
        if facts.exists:
            return diagnosis
        first = first or diagnosis
    if first is not None:
        return first
    why = "; ".join(errors)
    return diagnose_unavailable(ref.value, "address", keys[0], Reason.NODE_UNAVAILABLE, why)


def diagnose_value(
    value: str, *, chain: str | None = None, expectations: Expectations | None = None
) -> Diagnosis | None:
    """A hash or address typed by an operator (the command says it is a hash: tx context)."""
    ref = recognize(value, tx_context=True)
    if ref is None:
        return None
    return diagnose_reference(ref, hint=parse_chain(chain), expectations=expectations)
