"""Checks of a transaction against what the customer said (pure)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from walletdesk.chain.lookup.facts import TokenTransfer, TxFacts

from .types import Alert, Expectations

# Words that name a network, longest first so "BEP20" wins over "BEP".
_NETWORK_WORDS: tuple[tuple[str, str], ...] = (
    (r"trc-?20|tron|波场|波場", "tron"),
    (r"erc-?20|ethereum|以太坊|以太", "evm:1"),
    (r"bep-?20|bsc|bnb\s*smart\s*chain|币安智能链|幣安智能鏈|币安链", "evm:56"),
    (r"polygon|matic", "evm:137"),
    (r"arbitrum", "evm:42161"),
    (r"bitcoin|比特币|比特幣|\bbtc\b", "btc"),
)
_NETWORK_RES = tuple((re.compile(words, re.IGNORECASE), key) for words, key in _NETWORK_WORDS)
LOOKALIKE_EDGE = 4  # characters compared at each end
_AMOUNT_RE = re.compile(
    r"(\d[\d,]*(?:\.\d+)?)\s*(USDT|USDC|TRX|ETH|BNB|BTC|POL|TUSD)(?![A-Za-z])", re.IGNORECASE
)


def quoted_amounts(text: str) -> tuple[tuple[str, str], ...]:
    """("100", "USDT") for "100 USDT", "1,000.5usdt"..."""
    found = (
        (number.replace(",", ""), symbol.upper()) for number, symbol in _AMOUNT_RE.findall(text)
    )
    return tuple(dict.fromkeys(found))


def network_hint(text: str) -> str | None:
    """The one network the text names (TRC20, ERC20, 波场...), or None if none or several."""
    found = {key for regex, key in _NETWORK_RES if regex.search(text)}
    return found.pop() if len(found) == 1 else None


def _body(address: str) -> str:
    return address[2:].lower() if address.lower().startswith("0x") else address[1:]


def is_lookalike(a: str, b: str) -> bool:
    """Same start and end but a different address: the address-poisoning pattern."""
    if a.lower() == b.lower() or len(a) != len(b):
        return False
    x, y = _body(a), _body(b)
    edge = LOOKALIKE_EDGE
    return x[:edge] == y[:edge] and x[-edge:] == y[-edge:]


def main_transfer(facts: TxFacts) -> TokenTransfer | None:
    """The token movement the customer most likely means."""
    for transfer in facts.transfers:
        if transfer.kind == "transfer" and (not facts.sender or transfer.sender == facts.sender):
            return transfer
    if facts.transfers:
        return facts.transfers[0]
    return facts.intended


def effective_recipient(facts: TxFacts) -> str:
    transfer = main_transfer(facts)
    return transfer.recipient if transfer is not None else facts.recipient


def _same(a: str, b: str) -> bool:
    return a.lower() == b.lower()


def _recipient_alerts(facts: TxFacts, quoted: tuple[str, ...]) -> list[Alert]:
    recipient = effective_recipient(facts)
    others = [a for a in quoted if not _same(a, facts.sender)]
    if not recipient or not others or any(_same(recipient, a) for a in others):
        return []
    if any(is_lookalike(recipient, a) for a in others):
        return [Alert.RECIPIENT_LOOKALIKE]
    return [Alert.RECIPIENT_DIFFERS]


def _network_alerts(facts: TxFacts, hint: str | None) -> list[Alert]:
    if hint is None or hint == facts.chain:
        return []
    return [Alert.WRONG_NETWORK]


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _amount_alerts(
    transfer: TokenTransfer | None, quoted: tuple[tuple[str, str], ...]
) -> list[Alert]:
    """The customer named an amount of this token, and the chain moved another one."""
    if transfer is None or transfer.decimals is None or not transfer.symbol:
        return []
    same_token = [_decimal(n) for n, symbol in quoted if symbol == transfer.symbol.upper()]
    if not same_token:
        return []
    moved = Decimal(transfer.amount).scaleb(-transfer.decimals)
    return [] if moved in same_token else [Alert.AMOUNT_DIFFERS]


def tx_alerts(facts: TxFacts, expectations: Expectations) -> tuple[Alert, ...]:
    if not facts.found:
        return ()
    alerts = _recipient_alerts(facts, expectations.addresses)
    alerts += _network_alerts(facts, expectations.network_hint)
    transfer = main_transfer(facts)
    alerts += _amount_alerts(transfer, expectations.amounts)
    if transfer is not None and transfer.kind == "approval":
        alerts.append(Alert.APPROVAL_NOT_TRANSFER)
    if transfer is not None and _same(transfer.recipient, transfer.token):
        alerts.append(Alert.TRANSFER_TO_TOKEN_CONTRACT)
    return tuple(dict.fromkeys(alerts))
