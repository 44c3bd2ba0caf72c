"""Bitcoin addresses: base58check P2PKH/P2SH and segwit bech32 (BIP-173) / bech32m (BIP-350).

The pinned ``bech32m`` package (a port of the BIP-350 reference code) is used for the
checksum maths; tests/chain/test_bech32_vectors.py runs it against every BIP-173 and
BIP-350 vector.
"""

from __future__ import annotations

from typing import NamedTuple

import base58
from bech32m import DecodeError, decode

from .types import Network

# version byte -> (network, encoding). Testnet, signet and regtest share 0x6f / 0xc4, so
# the base58 forms of all three are reported as "testnet".
_BASE58_VERSIONS: dict[int, tuple[Network, str]] = {
    0x00: ("mainnet", "p2pkh"),
    0x05: ("mainnet", "p2sh"),
    0x6F: ("testnet", "p2pkh"),
    0xC4: ("testnet", "p2sh"),
}
_HRP_NETWORKS: dict[str, Network] = {"bc": "mainnet", "tb": "testnet", "bcrt": "regtest"}


class BtcAddress(NamedTuple):
    value: str
    network: Network
    encoding: str


def decode_btc_base58(address: str) -> BtcAddress | None:
    """Checksum-valid legacy address (1..., 3..., m/n..., 2...) or None."""
    if not 25 <= len(address) <= 35:
        return None
    try:
        payload = base58.b58decode_check(address)
    except ValueError:
        return None
    if len(payload) != 21:
        return None
    known = _BASE58_VERSIONS.get(payload[0])
    if known is None:
        return None
    return BtcAddress(address, known[0], known[1])


def _segwit_encoding(version: int, program_length: int) -> str:
    if version == 0:
        return "p2wpkh" if program_length == 20 else "p2wsh"
    if version == 1 and program_length == 32:
        return "p2tr"
    return f"segwit-v{version}"


def decode_segwit(address: str) -> BtcAddress | None:
    """Valid bc/tb/bcrt segwit address (v0 bech32, v1+ bech32m, BIP-141 lengths) or None."""
    lower = address.lower()
    hrp = lower[: lower.rfind("1")]
    network = _HRP_NETWORKS.get(hrp)
    if network is None:
        return None
    try:
        version, program = decode(hrp, address)
    except DecodeError:
        return None
    return BtcAddress(lower, network, _segwit_encoding(version, len(program)))


def decode_btc_address(address: str) -> BtcAddress | None:
    """Any valid Bitcoin address form, or None."""
    if address[:3].lower() in ("bc1", "tb1") or address[:5].lower() == "bcrt1":
        return decode_segwit(address)
    return decode_btc_base58(address)
