"""Bitcoin look-ups through an Esplora-compatible REST API."""

from __future__ import annotations

from typing import Any

from .base import HttpNode
from .facts import BTC, AddressFacts, TxFacts
from .resilience import Unavailable, cache_key, cached, lookup_config

FINAL_CONFIRMATIONS = 6
SLOW_TARGET = "144"  # blocks: about a day


def _int(answer: Any) -> int:
    try:
        return int(str(answer).strip())
    except ValueError as exc:
        raise Unavailable(f"btc: not a number: {str(answer)[:40]!r}", chain=BTC) from exc


def _dict(answer: Any) -> dict[str, Any]:
    if not isinstance(answer, dict):
        raise Unavailable(f"btc: unexpected answer {str(answer)[:80]!r}", chain=BTC)
    return answer


class EsploraClient:
    chain = BTC

    def __init__(self, base_url: str) -> None:
        self.node = HttpNode(BTC, base_url)

    @property
    def node_calls(self) -> int:
        return self.node.resilient.calls

    def tip_height(self) -> int:
        key = cache_key(BTC, self.node.base_url, "tip")
        fetch = lambda: _int(self.node.request("GET", "/blocks/tip/height"))  # noqa: E731
        return cached(key, fetch, lambda _: 30)

    def tx(self, txid: str) -> TxFacts:
        conf = lookup_config()

        def ttl(facts: TxFacts) -> int:
            return conf["CACHE_FINAL_SECONDS"] if facts.final else conf["CACHE_SECONDS"]

        return cached(cache_key(BTC, self.node.base_url, "tx", txid), lambda: self._tx(txid), ttl)

    def _tx(self, txid: str) -> TxFacts:
        raw = self.node.request("GET", f"/tx/{txid}", missing_ok=True)
        if raw is None:
            return TxFacts(chain=BTC, txid=txid, found=False)
        tx = _dict(raw)
        status = tx.get("status") or {}
        confirmed = bool(status.get("confirmed"))
        vsize = (tx.get("weight") or 0) / 4 or tx.get("size") or 0
        fee = int(tx.get("fee") or 0)
        extra: dict[str, Any] = {
            "fee_rate": round(fee / vsize, 2) if vsize else None,
            "outputs": [(o.get("scriptpubkey_address", ""), o.get("value", 0)) for o in tx["vout"]],
        }
        head = None
        if confirmed:
            head = self.tip_height()
        else:
            extra["fee_estimates"] = _dict(self.node.request("GET", "/fee-estimates"))
        height = status.get("block_height")
        inputs = [i.get("prevout", {}).get("scriptpubkey_address", "") for i in tx.get("vin", [])]
        return TxFacts(
            chain=BTC,
            txid=txid,
            found=True,
            in_block=confirmed,
            block_number=height,
            head_block=head,
            final_block=None if head is None else head - FINAL_CONFIRMATIONS + 1,
            success=True if confirmed else None,
            result="confirmed" if confirmed else "mempool",
            sender=inputs[0] if inputs else "",
            fee=fee,
            extra=extra,
        )

    def address(self, address: str) -> AddressFacts:
        key = cache_key(BTC, self.node.base_url, "address", address)
        ttl = lookup_config()["CACHE_SECONDS"]
        return cached(key, lambda: self._address(address), lambda _: ttl)

    def _address(self, address: str) -> AddressFacts:
        info = _dict(self.node.request("GET", f"/address/{address}"))
        chain, mempool = info.get("chain_stats", {}), info.get("mempool_stats", {})

        def balance(stats: dict[str, Any]) -> int:
            return int(stats.get("funded_txo_sum", 0)) - int(stats.get("spent_txo_sum", 0))

        count = int(chain.get("tx_count", 0)) + int(mempool.get("tx_count", 0))
        return AddressFacts(
            chain=BTC,
            address=address,
            exists=count > 0,
            balance=balance(chain),
            tx_count=count,
            extra={"mempool_balance_change": balance(mempool)},
        )
