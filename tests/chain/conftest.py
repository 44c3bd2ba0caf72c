"""Fixtures for the look-up tests: local servers replaying recorded answers, settings, caches."""

import json
from pathlib import Path

import pytest
from django.core.cache import cache

from tests.core._http_server import Canned, LocalServer
from walletdesk.chain.lookup import breakers_reset

FIXTURES = Path(__file__).parent / "fixtures"


def recorded(name: str) -> bytes:
    """A recorded answer body (see fixtures/README.md for where each one comes from)."""
    return (FIXTURES / name).read_bytes()


def recorded_json(name: str):
    return json.loads(recorded(name))


@pytest.fixture(autouse=True)
def fresh_lookups():
    cache.clear()
    breakers_reset()
    yield
    cache.clear()
    breakers_reset()


@pytest.fixture
def chain_settings(settings):
    """No chain configured, loopback allowed, fast retries. Tests add the URLs they need."""
    settings.OUTBOUND = {
        **settings.OUTBOUND,
        "ALLOW_PRIVATE": False,
        "ALLOWED_HOSTS": ["127.0.0.1"],
    }
    settings.CHAIN = {
        **settings.CHAIN,
        "TRON_URL": "",
        "TRON_API_KEY": "",
        "EVM_RPC_URLS": [],
        "EVM_CONFIRMATIONS": [],
        "BTC_ESPLORA_URL": "",
        "TIMEOUT_SECONDS": 2,
        "RETRIES": 2,
        "BACKOFF_SECONDS": 0.01,
        "BREAKER_FAILURES": 5,
        "BREAKER_RESET_SECONDS": 30,
    }
    return settings


class TronNode(LocalServer):
    """Routes for one transaction: the tx body, its info, the head and solid blocks."""

    def block(self, number: int, *, solid: int | None = None) -> None:
        header = recorded_json("tron/block_header.json")
        for path, value in (
            ("/wallet/getnowblock", number),
            ("/walletsolidity/getnowblock", solid if solid is not None else number),
        ):
            block = json.loads(json.dumps(header))
            block["block_header"]["raw_data"]["number"] = value
            self.json("POST", path, block)

    def tx(self, *, body: str | dict = "tron/empty.json", info: str | dict = "tron/empty.json"):
        for path, source in (
            ("/wallet/gettransactionbyid", body),
            ("/wallet/gettransactioninfobyid", info),
        ):
            payload = source if isinstance(source, dict) else recorded(source)
            self.json("POST", path, payload)


@pytest.fixture
def tron_node(chain_settings):
    with TronNode() as node:
        chain_settings.CHAIN = {**chain_settings.CHAIN, "TRON_URL": node.url}
        yield node


@pytest.fixture
def esplora(chain_settings):
    with LocalServer() as node:
        chain_settings.CHAIN = {**chain_settings.CHAIN, "BTC_ESPLORA_URL": node.url}
        yield node


__all__ = ["Canned", "recorded", "recorded_json"]


@pytest.fixture(scope="session")
def hardhat(tmp_path_factory):
    from tests.chain._hardhat import Hardhat, skip_or_fail_without_node

    skip_or_fail_without_node()
    node = Hardhat(tmp_path_factory.mktemp("hardhat") / "node.log")
    yield node
    node.stop()


@pytest.fixture(scope="session")
def evm_scenario(hardhat):
    from tests.chain._evm_scenario import build

    return build(hardhat)


@pytest.fixture
def evm_node(chain_settings, hardhat, evm_scenario):
    chain_settings.CHAIN = {**chain_settings.CHAIN, "EVM_RPC_URLS": [f"31337={hardhat.url}"]}
    return evm_scenario
