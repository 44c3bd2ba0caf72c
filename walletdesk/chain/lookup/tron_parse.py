"""Pure parsing of TRON node answers into facts (no I/O)."""

from __future__ import annotations

import string
from dataclasses import replace
from typing import Any

from walletdesk.chain.recognition.tron import tron_from_hex
from walletdesk.chain.tokens import known_token

from .abi import EVENT_TOPICS, decode_call, decode_log
from .facts import TRON, AddressFacts, TokenTransfer, TxFacts

_HEX = frozenset(string.hexdigits)


def to_base58(value: str) -> str:
    """A TRON address from base58, 41-hex or a 20-byte EVM-style hex (as in logs)."""
    if not value or value.startswith("T"):
        return value
    raw = value.lower().removeprefix("0x")
    return tron_from_hex(raw if len(raw) == 42 else "41" + raw[-40:])


def block_number(block: dict[str, Any]) -> int | None:
    number = block.get("block_header", {}).get("raw_data", {}).get("number")
    return int(number) if number is not None else None


def decode_message(raw: str) -> str:
    """resMessage is hex-encoded UTF-8 on full nodes (wallet-cli prints it decoded)."""
    if raw and len(raw) % 2 == 0 and _HEX.issuperset(raw):
        try:
            return bytes.fromhex(raw).decode("utf-8", "replace")
        except ValueError:
            return raw
    return raw


def _with_token(transfer: TokenTransfer) -> TokenTransfer:
    token = known_token(TRON, transfer.token)
    if token is None:
        return transfer
    return replace(transfer, symbol=token.symbol, decimals=token.decimals)


def _transfers(info: dict[str, Any]) -> tuple[TokenTransfer, ...]:
    found = []
    for log in info.get("log", []) or []:
        topics = log.get("topics") or []
        if not topics or topics[0].lower().removeprefix("0x") not in EVENT_TOPICS:
            continue
        decoded = decode_log(topics, log.get("data", ""))
        if decoded is None:
            continue
        token = to_base58(log.get("address", ""))
        found.append(
            _with_token(
                TokenTransfer(
                    token=token,
                    sender=to_base58(decoded.sender),
                    recipient=to_base58(decoded.recipient),
                    amount=decoded.amount,
                    kind=decoded.kind,
                )
            )
        )
    return tuple(found)


def _contract(body: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    contracts = body.get("raw_data", {}).get("contract") or [{}]
    first = contracts[0]
    return first.get("type", ""), first.get("parameter", {}).get("value", {})


def _intended(contract_address: str, value: dict[str, Any]) -> TokenTransfer | None:
    decoded = decode_call(value.get("data", ""))
    if decoded is None or not contract_address:
        return None
    sender = decoded.sender or value.get("owner_address", "")
    return _with_token(
        TokenTransfer(
            token=contract_address,
            sender=to_base58(sender),
            recipient=to_base58(decoded.recipient),
            amount=decoded.amount,
            kind=decoded.kind,
        )
    )


def _trx_value(contract_type: str, value: dict[str, Any]) -> int:
    """TRX moved, in sun (a TRC10 transfer's ``amount`` counts the token, not TRX)."""
    if contract_type == "TransferContract":
        return int(value.get("amount") or 0)
    return int(value.get("call_value") or 0)


def _result(body: dict[str, Any], info: dict[str, Any]) -> tuple[bool | None, str]:
    """(success, result code). A plain transfer's receipt has no ``result``: then the
    transaction's ``contractRet`` (or, without it, inclusion in a block) decides."""
    if info.get("blockNumber") is None:
        return None, ""
    receipt_result = info.get("receipt", {}).get("result")
    ret = (body.get("ret") or [{}])[0].get("contractRet", "")
    code = receipt_result or ret or "SUCCESS"
    failed = info.get("result") == "FAILED" or code != "SUCCESS"
    return (not failed), code


def tx_facts(
    txid: str,
    body: dict[str, Any],
    info: dict[str, Any],
    *,
    head: int | None,
    solid: int | None,
) -> TxFacts:
    contract_type, value = _contract(body)
    contract_address = to_base58(value.get("contract_address") or info.get("contract_address", ""))
    success, code = _result(body, info)
    receipt = info.get("receipt", {})
    raw = body.get("raw_data", {})
    extra = {
        key: receipt[key]
        for key in (
            "energy_fee",
            "energy_usage",
            "energy_usage_total",
            "origin_energy_usage",
            "energy_penalty_total",
            "net_usage",
            "net_fee",
        )
        if key in receipt
    }
    extra.update(
        contract_type=contract_type,
        trc10=[value.get("asset_name"), value.get("amount")]
        if contract_type == "TransferAssetContract"
        else None,
        fee_limit=raw.get("fee_limit"),
        expiration_ms=raw.get("expiration"),
        block_time_ms=info.get("blockTimeStamp"),
    )
    block = info.get("blockNumber")
    return TxFacts(
        chain=TRON,
        txid=txid,
        found=True,
        in_block=block is not None,
        block_number=block,
        head_block=head,
        final_block=solid,
        success=success,
        result=code,
        message=decode_message(info.get("resMessage", "")),
        sender=to_base58(value.get("owner_address", "")),
        recipient=to_base58(value.get("to_address", "")) or contract_address,
        value=_trx_value(contract_type, value),
        fee=int(info.get("fee") or 0),
        contract=contract_address,
        transfers=_transfers(info),
        intended=_intended(contract_address, value),
        extra=extra,
    )


def _permission_keys(permission: dict[str, Any]) -> list[str]:
    return [to_base58(key.get("address", "")) for key in permission.get("keys", []) or []]


def foreign_keys(address: str, account: dict[str, Any]) -> list[str]:
    """Keys in the owner/active permissions that are not the account's own."""
    own = to_base58(account.get("address", "")) or address
    keys = _permission_keys(account.get("owner_permission", {}) or {})
    for permission in account.get("active_permission", []) or []:
        keys += _permission_keys(permission)
    return sorted({key for key in keys if key and key != own})


def address_facts(address: str, account: dict[str, Any], resource: dict[str, Any]) -> AddressFacts:
    energy_left = int(resource.get("EnergyLimit", 0)) - int(resource.get("EnergyUsed", 0))
    free_net = int(resource.get("freeNetLimit", 0)) - int(resource.get("freeNetUsed", 0))
    staked_net = int(resource.get("NetLimit", 0)) - int(resource.get("NetUsed", 0))
    return AddressFacts(
        chain=TRON,
        address=address,
        exists=True,
        balance=int(account.get("balance", 0)),
        is_contract=account.get("type") == "Contract",
        extra={
            "energy_available": max(energy_left, 0),
            "bandwidth_available": max(free_net, 0) + max(staked_net, 0),
            "foreign_keys": foreign_keys(address, account),
            "created_ms": account.get("create_time"),
        },
    )
