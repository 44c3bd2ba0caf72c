"""Facts in, diagnosis out: the pure rules (no I/O, no settings, no clock of its own)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from walletdesk.chain.lookup.facts import BTC, TRON, AddressFacts, TokenTransfer, TxFacts
from walletdesk.chain.tokens import native_decimals, native_symbol

from .checks import main_transfer, tx_alerts
from .types import Alert, Diagnosis, Expectations, Reason, Verdict

TRON_FAILURES = {
    "OUT_OF_ENERGY": Reason.OUT_OF_ENERGY,
    "REVERT": Reason.REVERT,
    "OUT_OF_TIME": Reason.OUT_OF_TIME,
    "BANDWITH_ERROR": Reason.BANDWIDTH_ERROR,  # sic: the node's spelling
    "BANDWIDTH_ERROR": Reason.BANDWIDTH_ERROR,
}
EVM_FAILURES = {"out_of_gas": Reason.OUT_OF_GAS, "reverted": Reason.REVERT}
SLOW_FEE_TARGET = "144"


def amount_text(amount: int, decimals: int | None) -> str:
    """1500000 with 6 decimals -> "1.5"; raw units when the decimals are unknown."""
    if decimals is None:
        return str(amount)
    value = Decimal(amount).scaleb(-decimals).normalize()
    return f"{value:f}"


def _transfer_details(transfer: TokenTransfer | None) -> dict[str, Any]:
    if transfer is None:
        return {}
    return {
        "token": transfer.symbol or transfer.token,
        "token_contract": transfer.token,
        "amount": amount_text(transfer.amount, transfer.decimals),
        "from": transfer.sender,
        "to": transfer.recipient,
        "transfer_kind": transfer.kind,
    }


def _details(facts: TxFacts) -> dict[str, Any]:
    chain = facts.chain
    decimals = native_decimals(chain)
    details: dict[str, Any] = {
        "native": native_symbol(chain),
        "fee": amount_text(facts.fee, decimals),
        "confirmations": facts.confirmations,
        "final": facts.final,
        "message": facts.message,
    }
    transfer = main_transfer(facts)
    if transfer is not None:
        details.update(_transfer_details(transfer))
    elif facts.value or facts.recipient:
        details.update(
            token=native_symbol(chain),
            amount=amount_text(facts.value, decimals),
            **{"from": facts.sender, "to": facts.recipient},
        )
    for key in ("energy_usage_total", "energy_fee", "fee_limit", "nonce", "fee_rate"):
        if facts.extra.get(key) is not None:
            details[key] = facts.extra[key]
    if facts.extra.get("energy_fee"):
        details["energy_fee_trx"] = amount_text(facts.extra["energy_fee"], decimals)
    if facts.extra.get("fee_limit"):
        details["fee_limit_trx"] = amount_text(facts.extra["fee_limit"], decimals)
    return details


def _pending_reason(facts: TxFacts, now_ms: int) -> tuple[Reason, dict[str, Any]]:
    extra = facts.extra
    if facts.chain == TRON:
        expiration = extra.get("expiration_ms")
        if expiration and now_ms > expiration:
            return Reason.EXPIRED, {}
        return Reason.WAITING, {}
    if facts.chain == BTC:
        rate, slow = extra.get("fee_rate"), (extra.get("fee_estimates") or {}).get(SLOW_FEE_TARGET)
        if rate is not None and slow is not None and rate < slow:
            return Reason.UNDERPRICED, {"fee_rate": rate, "needed_fee_rate": slow}
        return Reason.WAITING, {}
    nonce, pending_nonce = extra.get("nonce"), extra.get("nonce_pending")
    if nonce is not None and pending_nonce is not None and nonce > pending_nonce:
        missing = list(range(pending_nonce, nonce))
        return Reason.NONCE_GAP, {"missing_nonces": missing, "next_nonce": pending_nonce}
    offered = extra.get("max_fee") or extra.get("gas_price")
    base_fee = extra.get("base_fee")
    if offered is not None and base_fee is not None and offered < base_fee:
        gwei = Decimal(10) ** 9
        return Reason.UNDERPRICED, {
            "offered_gwei": f"{Decimal(offered) / gwei:.2f}",
            "base_fee_gwei": f"{Decimal(base_fee) / gwei:.2f}",
        }
    return Reason.WAITING, {}


def _verdict(facts: TxFacts, now_ms: int) -> tuple[Verdict, Reason, dict[str, Any]]:
    if not facts.found:
        return Verdict.NOT_FOUND, Reason.NOT_FOUND, {}
    if not facts.in_block:
        reason, extra = _pending_reason(facts, now_ms)
        return Verdict.PENDING, reason, extra
    if facts.success is False:
        table = TRON_FAILURES if facts.chain == TRON else EVM_FAILURES
        return Verdict.FAILED, table.get(facts.result, Reason.FAILED_OTHER), {}
    return Verdict.SUCCEEDED, (Reason.FINAL if facts.final else Reason.CONFIRMING), {}


def diagnose_tx(
    facts: TxFacts, *, expectations: Expectations | None = None, now_ms: int = 0
) -> Diagnosis:
    """The verdict on one transaction. ``now_ms`` (Unix ms) decides TRON expiry."""
    verdict, reason, extra = _verdict(facts, now_ms)
    details = {**_details(facts), **extra} if facts.found else {}
    return Diagnosis(
        subject=facts.txid,
        kind="tx",
        chain=facts.chain,
        verdict=verdict,
        reason=reason,
        warnings=tx_alerts(facts, expectations or Expectations()),
        details=details,
        facts=facts.to_dict(),
    )


def diagnose_not_found_anywhere(txid: str, chains: list[str]) -> Diagnosis:
    return Diagnosis(txid, "tx", "", Verdict.NOT_FOUND, Reason.NOT_FOUND, (), {"chains": chains})


def found_elsewhere(diagnosis: Diagnosis, asked: str) -> Diagnosis:
    """The customer (or agent) named another network than the one the hash is on."""
    details = {**diagnosis.details, "asked_chain": asked}
    warnings = tuple(dict.fromkeys((*diagnosis.warnings, Alert.WRONG_NETWORK)))
    return Diagnosis(
        diagnosis.subject,
        diagnosis.kind,
        diagnosis.chain,
        diagnosis.verdict,
        diagnosis.reason,
        warnings,
        details,
        diagnosis.facts,
    )


def diagnose_address(facts: AddressFacts) -> Diagnosis:
    decimals = native_decimals(facts.chain)
    details: dict[str, Any] = {
        "native": native_symbol(facts.chain),
        "balance": amount_text(facts.balance, decimals),
        "is_contract": facts.is_contract,
        "tx_count": facts.tx_count,
    }
    details.update({k: v for k, v in facts.extra.items() if k != "created_ms"})
    warnings: list[Alert] = []
    if facts.extra.get("foreign_keys"):
        warnings.append(Alert.FOREIGN_PERMISSION_KEYS)
    if facts.chain == TRON and facts.exists and not facts.extra.get("energy_available"):
        warnings.append(Alert.NO_ENERGY)
    if facts.exists:
        reason = Reason.ACTIVE
    else:
        reason = Reason.INACTIVE if facts.chain == TRON else Reason.UNUSED
    return Diagnosis(
        facts.address,
        "address",
        facts.chain,
        Verdict.ADDRESS,
        reason,
        tuple(warnings),
        details,
        facts.to_dict(),
    )


def diagnose_unavailable(
    subject: str, kind: str, chain: str, reason: Reason, why: str
) -> Diagnosis:
    return Diagnosis(subject, kind, chain, Verdict.UNAVAILABLE, reason, (), {"error": why})
