"""TRON addresses: base58check with version byte 0x41, and the 21-byte hex form."""

from __future__ import annotations

import base58

TRON_VERSION = 0x41
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


def decode_tron_base58(address: str) -> bytes | None:
    """Return the 21 payload bytes of a valid ``T...`` address, else None."""
    if len(address) != 34 or address[0] != "T":
        return None
    try:
        payload = base58.b58decode_check(address)
    except ValueError:
        return None
    if len(payload) != 21 or payload[0] != TRON_VERSION:
        return None
    return payload


def is_tron_address(address: str) -> bool:
    """True for a checksum-valid base58 TRON address."""
    return decode_tron_base58(address) is not None


def tron_to_hex(address: str) -> str:
    """``T...`` base58check address -> 42 lowercase hex chars starting with ``41``."""
    payload = decode_tron_base58(address)
    if payload is None:
        raise ValueError(f"not a valid TRON base58 address: {address!r}")
    return payload.hex()


def tron_from_hex(hex_address: str) -> str:
    """Hex TRON address -> base58check ``T...`` address.

    Accepts the 21-byte form (``41`` + 40 hex, optionally ``0x``-prefixed) and, for
    convenience, the bare 20-byte form used inside TRON's EVM (``0x`` + 40 hex or 40 hex),
    to which the ``41`` version byte is prepended.
    """
    body = hex_address[2:] if hex_address[:2] in ("0x", "0X") else hex_address
    if not body or not _HEX_DIGITS.issuperset(body):
        raise ValueError(f"not a hex TRON address: {hex_address!r}")
    if len(body) == 40:
        body = "41" + body
    if len(body) != 42 or body[:2] != "41":
        raise ValueError(f"not a hex TRON address: {hex_address!r}")
    return base58.b58encode_check(bytes.fromhex(body)).decode("ascii")
