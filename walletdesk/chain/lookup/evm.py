"""EVM JSON-RPC client (one per chain id)."""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Any

from walletdesk.chain.tokens import Token, evm_chain, known_token

from . import abi
from .base import HttpNode
from .facts import AddressFacts, TokenTransfer, TxFacts, evm_key
from .resilience import BadAnswer, RateLimited, Unavailable, cache_key, cached, lookup_config

_RATE_CODES = frozenset({-32005, 429})
TOKEN_CACHE_SECONDS = 86_400


class RpcError(BadAnswer):
    """A JSON-RPC error object; ``data`` holds revert data when the node gives it."""

    def __init__(self, message: str, *, chain: str, code: int | None, data: Any) -> None:
        super().__init__(message, chain=chain)
        self.rpc_code = code
        self.data = data


def _hex_int(value: str | None) -> int | None:
    return int(value, 16) if value else None


def _addr(word: str) -> str:
    return "0x" + word[-40:].lower() if word else ""


class EvmClient:
    def __init__(self, chain_id: int, url: str, confirmations: int | None = None) -> None:
        self.chain_id = chain_id
        self.chain = evm_key(chain_id)
        self.node = HttpNode(self.chain, url)
        self.confirmations = confirmations or evm_chain(chain_id).confirmations
        self._ids = itertools.count(1)

    @property
    def node_calls(self) -> int:
        return self.node.resilient.calls

    def rpc(self, method: str, params: list[Any]) -> Any:
        payload = {"jsonrpc": "2.0", "id": next(self._ids), "method": method, "params": params}
        return self.node.request("POST", "", payload=payload, validate=self._result)

    def _result(self, answer: Any) -> Any:
        if not isinstance(answer, dict) or "jsonrpc" not in answer:
            raise Unavailable(f"{self.chain}: not a JSON-RPC answer", chain=self.chain)
        error = answer.get("error")
        if error is None:
            return answer.get("result")
        code = error.get("code") if isinstance(error, dict) else None
        message = str(error.get("message", error) if isinstance(error, dict) else error)
        if code in _RATE_CODES or "rate limit" in message.lower():
            raise RateLimited(f"{self.chain}: {message[:200]}", chain=self.chain)
        data = error.get("data") if isinstance(error, dict) else None
        raise RpcError(f"{self.chain}: {message[:200]}", chain=self.chain, code=code, data=data)

    # -- transactions -------------------------------------------------------------------

    def tx(self, txid: str) -> TxFacts:
        conf = lookup_config()

        def ttl(facts: TxFacts) -> int:
            return conf["CACHE_FINAL_SECONDS"] if facts.final else conf["CACHE_SECONDS"]

        key = cache_key(self.chain, self.node.base_url, "tx", txid)
        return cached(key, lambda: self._tx(txid), ttl)

    def _tx(self, txid: str) -> TxFacts:
        tx = self.rpc("eth_getTransactionByHash", [txid])
        if not tx:
            return TxFacts(chain=self.chain, txid=txid, found=False)
        base = self._base_facts(txid, tx)
        if tx.get("blockNumber") is None:
            return replace(base, extra={**base.extra, **self._pending_extra(tx)})
        return self._mined(base, tx)

    def _base_facts(self, txid: str, tx: dict[str, Any]) -> TxFacts:
        to = (tx.get("to") or "").lower()
        data = tx.get("input") or tx.get("data") or "0x"
        intended = self._intended(to, tx["from"].lower(), data)
        return TxFacts(
            chain=self.chain,
            txid=txid,
            found=True,
            sender=tx["from"].lower(),
            recipient=to,
            value=_hex_int(tx.get("value")) or 0,
            contract=to if len(data) > 2 else "",
            intended=intended,
            extra={
                "nonce": _hex_int(tx.get("nonce")),
                "gas_limit": _hex_int(tx.get("gas")),
                "gas_price": _hex_int(tx.get("gasPrice")),
                "max_fee": _hex_int(tx.get("maxFeePerGas")),
                "max_priority_fee": _hex_int(tx.get("maxPriorityFeePerGas")),
            },
        )

    def _intended(self, to: str, sender: str, data: str) -> TokenTransfer | None:
        decoded = abi.decode_call(data)
        if decoded is None or not to:
            return None
        transfer = TokenTransfer(
            token=to,
            sender=_addr(decoded.sender) or sender,
            recipient=_addr(decoded.recipient),
            amount=decoded.amount,
            kind=decoded.kind,
        )
        return self._with_token(transfer)

    def _pending_extra(self, tx: dict[str, Any]) -> dict[str, Any]:
        sender = tx["from"]
        latest = self.rpc("eth_getBlockByNumber", ["latest", False]) or {}
        return {
            "nonce_latest": _hex_int(self.rpc("eth_getTransactionCount", [sender, "latest"])),
            "nonce_pending": _hex_int(self.rpc("eth_getTransactionCount", [sender, "pending"])),
            "network_gas_price": _hex_int(self.rpc("eth_gasPrice", [])),
            "base_fee": _hex_int(latest.get("baseFeePerGas")),
            "head_block": _hex_int(latest.get("number")),
        }

    def _mined(self, base: TxFacts, tx: dict[str, Any]) -> TxFacts:
        receipt = self.rpc("eth_getTransactionReceipt", [base.txid]) or {}
        head = _hex_int(self.rpc("eth_blockNumber", []))
        block = _hex_int(tx.get("blockNumber"))
        success = receipt.get("status") == "0x1"
        gas_used = _hex_int(receipt.get("gasUsed")) or 0
        price = _hex_int(receipt.get("effectiveGasPrice")) or base.extra.get("gas_price") or 0
        result, message = "success", ""
        if not success:
            result, message = self._failure(tx, gas_used, base.extra.get("gas_limit"))
        return replace(
            base,
            in_block=True,
            block_number=block,
            head_block=head,
            final_block=self._final_block(head),
            success=success,
            result=result,
            message=message,
            fee=gas_used * price,
            transfers=self._transfers(receipt.get("logs") or []),
            extra={**base.extra, "gas_used": gas_used, "effective_gas_price": price},
        )

    def _failure(self, tx: dict[str, Any], gas_used: int, gas_limit: int | None) -> tuple[str, str]:
        if gas_limit and gas_used >= gas_limit:
            return "out_of_gas", ""
        return "reverted", self._revert_reason(tx)

    def _revert_reason(self, tx: dict[str, Any]) -> str:
        """Replay the call at its block to read the revert reason (one extra node call)."""
        call = {k: tx[k] for k in ("from", "to", "value", "gas") if tx.get(k)}
        call["data"] = tx.get("input") or "0x"
        try:
            self.rpc("eth_call", [call, tx["blockNumber"]])
        except RpcError as exc:
            data = exc.data.get("data") if isinstance(exc.data, dict) else exc.data
            return abi.decode_revert(data) if isinstance(data, str) else str(exc)
        return ""

    def _final_block(self, head: int | None) -> int | None:
        try:
            block = self.rpc("eth_getBlockByNumber", ["finalized", False])
        except BadAnswer:
            block = None
        if block and block.get("number"):
            return _hex_int(block["number"])
        return None if head is None else head - self.confirmations + 1

    def _transfers(self, logs: list[dict[str, Any]]) -> tuple[TokenTransfer, ...]:
        found = []
        for log in logs:
            decoded = abi.decode_log(log.get("topics") or [], log.get("data") or "")
            if decoded is None:
                continue
            transfer = TokenTransfer(
                token=log["address"].lower(),
                sender=_addr(decoded.sender),
                recipient=_addr(decoded.recipient),
                amount=decoded.amount,
                kind=decoded.kind,
            )
            found.append(self._with_token(transfer))
        return tuple(found)

    # -- tokens and addresses -----------------------------------------------------------

    def _with_token(self, transfer: TokenTransfer) -> TokenTransfer:
        token = self.token(transfer.token)
        if token is None:
            return transfer
        return replace(transfer, symbol=token.symbol, decimals=token.decimals)

    def token(self, contract: str) -> Token | None:
        known = known_token(self.chain, contract)
        if known is not None:
            return known
        key = cache_key(self.chain, self.node.base_url, "token", contract)
        found = cached(key, lambda: self._token_meta(contract), lambda _: TOKEN_CACHE_SECONDS)
        return Token(*found) if found else None

    def _token_meta(self, contract: str) -> tuple[str, int] | tuple[()]:
        try:
            symbol = self.rpc("eth_call", [{"to": contract, "data": "0x95d89b41"}, "latest"])
            decimals = self.rpc("eth_call", [{"to": contract, "data": "0x313ce567"}, "latest"])
        except BadAnswer:
            return ()
        if not symbol or not decimals or decimals == "0x":
            return ()
        return abi.decode_string(symbol), int(decimals, 16)

    def address(self, address: str) -> AddressFacts:
        key = cache_key(self.chain, self.node.base_url, "address", address)
        ttl = lookup_config()["CACHE_SECONDS"]
        return cached(key, lambda: self._address(address.lower()), lambda _: ttl)

    def _address(self, address: str) -> AddressFacts:
        balance = _hex_int(self.rpc("eth_getBalance", [address, "latest"])) or 0
        latest = _hex_int(self.rpc("eth_getTransactionCount", [address, "latest"])) or 0
        pending = _hex_int(self.rpc("eth_getTransactionCount", [address, "pending"])) or 0
        code = self.rpc("eth_getCode", [address, "latest"]) or "0x"
        is_contract = len(code) > 2
        return AddressFacts(
            chain=self.chain,
            address=address,
            exists=bool(balance or latest or is_contract),
            balance=balance,
            is_contract=is_contract,
            tx_count=latest,
            extra={"nonce_latest": latest, "nonce_pending": pending},
        )
