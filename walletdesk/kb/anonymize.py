"""Remove a customer's identity from ticket text before it becomes a public case (pure).

Secrets go through the one redactor (`guard.redaction.redact`); addresses and transaction
hashes are found by `chain.address.find_references`; amounts, e-mail addresses, phone
numbers, handles, ticket numbers and the given names are replaced with neutral markers.
"""

import re
from collections.abc import Iterable

from walletdesk.chain.address import KIND_ADDRESS, find_references
from walletdesk.guard.redaction import redact

MARK_ADDRESS = "[address]"
MARK_TX = "[transaction]"
MARK_AMOUNT = "[amount]"
MARK_CONTACT = "[contact]"
MARK_PERSON = "[customer]"

_UNITS = (
    r"USDT|USDC|TRX|ETH|BNB|BTC|MATIC|POL|DAI|BUSD|SUN|U|USD|CNY|RMB|EUR|"
    r"美元|美金|元|块|刀|个币|枚|个"
)
_AMOUNT = re.compile(
    rf"(?:[$¥€£]\s?\d[\d,]*(?:\.\d+)?)"
    rf"|(?:\d[\d,]*(?:\.\d+)?\s?(?:万|千|k|K)?\s?(?:个\s?)?(?:{_UNITS})(?![A-Za-z]))",
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\w)\+?\d[\d\s-]{7,}\d(?!\w)")
_HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{3,}")
_TICKET = re.compile(r"\b[A-Z]{1,6}-\d{4}-\d{3,}\b")
_LONG_NUMBER = re.compile(r"\b\d{9,}\b")  # account or order numbers


def _chain_references(text: str) -> str:
    refs = sorted(find_references(text), key=lambda r: r.span[0], reverse=True)
    for ref in refs:
        start, end = ref.span
        marker = MARK_ADDRESS if ref.kind == KIND_ADDRESS else MARK_TX
        text = text[:start] + marker + text[end:]
    return text


def _names(text: str, names: Iterable[str]) -> str:
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len)[::-1]:
        text = re.sub(re.escape(name), MARK_PERSON, text, flags=re.IGNORECASE)
    return text


def anonymize(text: str, *, names: Iterable[str] = ()) -> str:
    """Text safe to publish: no secrets, addresses, hashes, amounts, contacts or names."""
    text = redact(text).text
    text = _chain_references(text)
    text = _EMAIL.sub(MARK_CONTACT, text)
    text = _names(text, names)
    text = _TICKET.sub("", text)
    text = _HANDLE.sub(MARK_CONTACT, text)
    text = _PHONE.sub(MARK_CONTACT, text)
    text = _AMOUNT.sub(MARK_AMOUNT, text)
    return _LONG_NUMBER.sub(MARK_AMOUNT, text)
