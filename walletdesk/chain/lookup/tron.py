"""TRON full-node HTTP API (TronGrid-compatible) client."""

from __future__ import annotations

from typing import Any

from . import tron_parse
from .base import HttpNode
from .facts import TRON, AddressFacts, TxFacts
from .resilience import BadAnswer, RateLimited, Unavailable, cache_key, cached, lookup_config

HEAD_CACHE_SECONDS = 3  # one TRON block
_RATE_WORDS = ("rate limit", "request rate", "exceed", "suspended", "too many")


def _check_body(answer: Any) -> dict[str, Any]:
    """TRON nodes answer HTTP 200 with {"Error": "..."} for bad requests and some limits."""
    if not isinstance(answer, dict):
        raise Unavailable(f"tron: unexpected answer {str(answer)[:80]!r}", chain=TRON)
    error = answer.get("Error") or answer.get("error")
    if error:
        text = str(error)
        if any(word in text.lower() for word in _RATE_WORDS):
            raise RateLimited(f"tron: {text[:200]}", chain=TRON)
        raise BadAnswer(f"tron: {text[:200]}", chain=TRON)
    return answer


class TronClient:
    chain = TRON

    def __init__(self, base_url: str, api_key: str = "") -> None:
        headers = {"TRON-PRO-API-KEY": api_key} if api_key else {}
        self.node = HttpNode(TRON, base_url, headers)

    @property
    def node_calls(self) -> int:
        return self.node.resilient.calls

    def _post(self, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        return self.node.request("POST", path, payload=payload, validate=_check_body)

    def heads(self) -> tuple[int | None, int | None]:
        """(latest block, latest solidified block), cached for one block time."""

        def compute() -> tuple[int | None, int | None]:
            head = self._post("/wallet/getnowblock", {})
            solid = self._post("/walletsolidity/getnowblock", {})
            return tron_parse.block_number(head), tron_parse.block_number(solid)

        key = cache_key(TRON, self.node.base_url, "heads")
        return cached(key, compute, lambda _: HEAD_CACHE_SECONDS)

    def tx(self, txid: str) -> TxFacts:
        conf = lookup_config()

        def ttl(facts: TxFacts) -> int:
            return conf["CACHE_FINAL_SECONDS"] if facts.final else conf["CACHE_SECONDS"]

        return cached(cache_key(TRON, self.node.base_url, "tx", txid), lambda: self._tx(txid), ttl)

    def _tx(self, txid: str) -> TxFacts:
        body = self._post("/wallet/gettransactionbyid", {"value": txid})
        info = self._post("/wallet/gettransactioninfobyid", {"value": txid})
        if not body and not info:
            return TxFacts(chain=TRON, txid=txid, found=False)
        head, solid = self.heads() if info.get("blockNumber") is not None else (None, None)
        return tron_parse.tx_facts(txid, body, info, head=head, solid=solid)

    def address(self, address: str) -> AddressFacts:
        key = cache_key(TRON, self.node.base_url, "address", address)
        ttl = lookup_config()["CACHE_SECONDS"]
        return cached(key, lambda: self._address(address), lambda _: ttl)

    def _address(self, address: str) -> AddressFacts:
        account = self._post("/wallet/getaccount", {"address": address, "visible": True})
        if not account:
            return AddressFacts(chain=TRON, address=address, exists=False)
        resource = self._post("/wallet/getaccountresource", {"address": address, "visible": True})
        return tron_parse.address_facts(address, account, resource)
