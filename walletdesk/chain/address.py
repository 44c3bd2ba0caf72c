"""Recognition of wallet addresses and transaction ids (pure: no ORM, settings or network).

Public API::

    find_references(text) -> list[Reference]
    recognize(value, *, tx_context=False) -> Reference | None
    tron_to_hex(address) -> str          # "T..." -> "41" + 40 hex
    tron_from_hex(hex_address) -> str    # "41..." / 40 hex -> "T..."
    to_checksum_address(address) -> str  # EIP-55
    is_tron_address / is_evm_address(address) -> bool
    decode_btc_address(address) -> BtcAddress | None

See :class:`Reference` for how values are normalised. The implementation lives in
:mod:`walletdesk.chain.recognition`.
"""

from .recognition.btc import BtcAddress, decode_btc_address
from .recognition.evm import is_evm_address, to_checksum_address
from .recognition.finder import find_references, recognize
from .recognition.tron import is_tron_address, tron_from_hex, tron_to_hex
from .recognition.types import (
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

__all__ = [
    "BTC",
    "EVM",
    "KIND_ADDRESS",
    "KIND_HEX64_UNLABELLED",
    "KIND_TX",
    "TRON",
    "BtcAddress",
    "Kind",
    "Network",
    "Reference",
    "decode_btc_address",
    "find_references",
    "is_evm_address",
    "is_tron_address",
    "recognize",
    "to_checksum_address",
    "tron_from_hex",
    "tron_to_hex",
]
