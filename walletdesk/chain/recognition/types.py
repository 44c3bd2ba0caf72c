"""The Reference value returned by the finder, and the vocabulary it uses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["address", "tx", "hex64_unlabelled"]
Network = Literal["mainnet", "testnet", "regtest"]

TRON = "tron"
EVM = "evm"
BTC = "btc"

KIND_ADDRESS: Kind = "address"
KIND_TX: Kind = "tx"
KIND_HEX64_UNLABELLED: Kind = "hex64_unlabelled"


@dataclass(frozen=True, slots=True)
class Reference:
    """One address or transaction id found in a text.

    ``value`` is normalised:

    * EVM addresses and EVM tx hashes: lowercase with ``0x`` (a stable key for lookups and
      de-duplication; EIP-55 is presentation only, use ``to_checksum_address`` for display).
      A mixed-case EVM address is only reported when its EIP-55 checksum is right.
    * TRON addresses: base58check (``T...``), also when written in the 21-byte hex form.
    * Bitcoin: bech32/bech32m lowercased (the canonical form); base58 as written.
    * Bare 64-hex (TRON / Bitcoin txid or possible private key): lowercase, no ``0x``.

    ``span`` is ``(start, end)`` in the original text, so ``text[start:end]`` is what was
    written. ``chains`` lists the candidate chain ids (``"tron"``, ``"evm"``, ``"btc"``).
    ``network`` is only set when the string itself (Bitcoin version byte / HRP) or a known
    block-explorer URL around it says so. ``tx_evidence`` tells whether a 64-hex value is
    marked as a transaction (a label before it, or an explorer tx URL). ``encoding`` names
    the form (``p2wpkh``, ``tron-base58``, ...). ``explorer`` is the explorer host the
    value was found in, if any.
    """

    kind: Kind
    value: str
    span: tuple[int, int]
    chains: tuple[str, ...]
    network: Network | None = None
    tx_evidence: bool = False
    encoding: str = ""
    explorer: str | None = None
