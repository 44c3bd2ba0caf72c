"""EVM addresses (``0x`` + 40 hex) and the EIP-55 mixed-case checksum."""

from __future__ import annotations

from Crypto.Hash import keccak

_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


def _body(address: str) -> str | None:
    if len(address) != 42 or address[:2] not in ("0x", "0X"):
        return None
    body = address[2:]
    return body if _HEX_DIGITS.issuperset(body) else None


def _checksum_body(lower_body: str) -> str:
    digest = keccak.new(digest_bits=256, data=lower_body.encode("ascii")).hexdigest()
    return "".join(
        ch.upper() if nibble in "89abcdef" else ch
        for ch, nibble in zip(lower_body, digest, strict=False)
    )


def to_checksum_address(address: str) -> str:
    """Return the EIP-55 form of ``0x`` + 40 hex (input case is ignored)."""
    body = _body(address)
    if body is None:
        raise ValueError(f"not an EVM address: {address!r}")
    return "0x" + _checksum_body(body.lower())


def is_evm_address(address: str) -> bool:
    """``0x`` + 40 hex; all-lower / all-upper accepted, mixed case must match EIP-55."""
    body = _body(address)
    if body is None:
        return False
    lower = body.lower()
    if body == lower or body == body.upper():
        return True
    return _checksum_body(lower) == body
