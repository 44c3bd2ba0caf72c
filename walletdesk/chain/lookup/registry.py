"""The chain clients configured in settings (CHAIN_*): nothing else is ever called."""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .base import ChainClient
from .btc import EsploraClient
from .evm import EvmClient
from .tron import TronClient

_lock = threading.Lock()
_built: tuple[tuple[Any, ...], dict[str, ChainClient]] | None = None


def _pairs(entries: list[str], name: str) -> dict[int, str]:
    pairs: dict[int, str] = {}
    for entry in entries:
        chain_id, sep, value = entry.partition("=")
        if not sep or not chain_id.strip().isdigit() or not value.strip():
            raise ImproperlyConfigured(f"{name}: expected CHAIN_ID=VALUE, got {entry!r}")
        pairs[int(chain_id)] = value.strip()
    return pairs


def _build(conf: dict[str, Any]) -> dict[str, ChainClient]:
    clients: dict[str, ChainClient] = {}
    if conf["TRON_URL"]:
        clients["tron"] = TronClient(conf["TRON_URL"], conf["TRON_API_KEY"])
    depths = _pairs(conf["EVM_CONFIRMATIONS"], "CHAIN_EVM_CONFIRMATIONS")
    for chain_id, url in _pairs(conf["EVM_RPC_URLS"], "CHAIN_EVM_RPC_URLS").items():
        depth = depths.get(chain_id)
        client = EvmClient(chain_id, url, int(depth) if depth else None)
        clients[client.chain] = client
    if conf["BTC_ESPLORA_URL"]:
        clients["btc"] = EsploraClient(conf["BTC_ESPLORA_URL"])
    return clients


def configured_clients() -> dict[str, ChainClient]:
    """Chain key ("tron", "evm:1", "btc") -> client, rebuilt when the settings change."""
    global _built
    conf = settings.CHAIN
    signature = (*sorted((k, str(v)) for k, v in conf.items()), str(settings.OUTBOUND))
    with _lock:
        if _built is None or _built[0] != signature:
            _built = (signature, _build(conf))
        return _built[1]


def evm_clients() -> list[ChainClient]:
    return [client for key, client in configured_clients().items() if key.startswith("evm:")]
