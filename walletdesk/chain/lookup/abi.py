"""Pure decoding of ERC-20 / TRC-20 events, call data and revert data (no I/O)."""

from __future__ import annotations

from typing import NamedTuple

TRANSFER_TOPIC = "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"
APPROVAL_TOPIC = "8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925"
EVENT_TOPICS = {TRANSFER_TOPIC: "transfer", APPROVAL_TOPIC: "approval"}

SELECTOR_TRANSFER = "a9059cbb"  # transfer(address,uint256)
SELECTOR_TRANSFER_FROM = "23b872dd"  # transferFrom(address,address,uint256)
SELECTOR_APPROVE = "095ea7b3"  # approve(address,uint256)
SELECTOR_ERROR = "08c379a0"  # Error(string)
SELECTOR_PANIC = "4e487b71"  # Panic(uint256)
WORD = 64  # hex characters in one 32-byte ABI word


class Decoded(NamedTuple):
    kind: str  # "transfer" | "approval"
    sender: str  # 40 hex, lowercase, no 0x ("" when the caller is the sender)
    recipient: str  # 40 hex (the spender for an approval)
    amount: int


def _clean(hex_data: str) -> str:
    return hex_data.lower().removeprefix("0x")


def _words(body: str, count: int) -> list[str] | None:
    if len(body) < count * WORD:
        return None
    return [body[i * WORD : (i + 1) * WORD] for i in range(count)]


def _address(word: str) -> str:
    return word[-40:]


def decode_log(topics: list[str], data: str) -> Decoded | None:
    """A Transfer/Approval log with indexed (from, to) and the amount in data."""
    cleaned = [_clean(topic) for topic in topics]
    kind = EVENT_TOPICS.get(cleaned[0]) if cleaned else None
    body = _clean(data)
    if kind is None or len(cleaned) != 3 or len(body) < WORD:
        return None  # ERC-721 Transfer has 4 topics; other layouts are not token amounts
    return Decoded(kind, _address(cleaned[1]), _address(cleaned[2]), int(body[:WORD], 16))


def decode_call(data: str) -> Decoded | None:
    """transfer / transferFrom / approve call data."""
    body = _clean(data)
    selector, args = body[:8], body[8:]
    if selector == SELECTOR_TRANSFER and (words := _words(args, 2)):
        return Decoded("transfer", "", _address(words[0]), int(words[1], 16))
    if selector == SELECTOR_TRANSFER_FROM and (words := _words(args, 3)):
        return Decoded("transfer", _address(words[0]), _address(words[1]), int(words[2], 16))
    if selector == SELECTOR_APPROVE and (words := _words(args, 2)):
        return Decoded("approval", "", _address(words[0]), int(words[1], 16))
    return None


def decode_revert(data: str) -> str:
    """The reason in revert data: Error(string) text, Panic code, or '' when unknown."""
    body = _clean(data)
    if body.startswith(SELECTOR_ERROR):
        words = body[8:]
        try:
            length = int(words[WORD : 2 * WORD], 16)
            raw = bytes.fromhex(words[2 * WORD : 2 * WORD + length * 2])
        except ValueError:
            return ""
        return raw.decode("utf-8", "replace")
    if body.startswith(SELECTOR_PANIC) and len(body) >= 8 + WORD:
        return f"panic 0x{int(body[8 : 8 + WORD], 16):02x}"
    return ""


def encode_call(selector: str, *words: str | int) -> str:
    """Call data from a selector and address/int arguments (for eth_call)."""
    parts = []
    for word in words:
        if isinstance(word, int):
            parts.append(f"{word:064x}")
        else:
            parts.append(_clean(word).rjust(WORD, "0"))
    return "0x" + selector + "".join(parts)


def decode_string(data: str) -> str:
    """An ABI-encoded string return value (or a bytes32 one, as old tokens return)."""
    body = _clean(data)
    if len(body) == WORD:
        return bytes.fromhex(body).rstrip(b"\0").decode("utf-8", "replace")
    try:
        length = int(body[WORD : 2 * WORD], 16)
        return bytes.fromhex(body[2 * WORD : 2 * WORD + length * 2]).decode("utf-8", "replace")
    except ValueError:
        return ""
