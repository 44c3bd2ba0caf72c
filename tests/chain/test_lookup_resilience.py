"""Retries with backoff, the circuit breaker, malformed answers, the cache, settings."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.chain.conftest import Canned
from walletdesk.chain.lookup import NotConfigured, Unavailable, configured_clients
from walletdesk.chain.lookup.resilience import CircuitBreaker


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_breaker_opens_after_consecutive_failures_and_half_opens_later():
    clock = FakeClock()
    breaker = CircuitBreaker(failures=3, reset_seconds=30, clock=clock)
    for _ in range(2):
        breaker.record_failure()
    breaker.before_call("x")  # still closed
    breaker.record_failure()
    with pytest.raises(Unavailable):
        breaker.before_call("x")
    clock.now += 31
    breaker.before_call("x")  # one trial allowed
    breaker.record_success()
    assert not breaker.is_open


def test_a_success_resets_the_count():
    breaker = CircuitBreaker(failures=2, reset_seconds=30)
    breaker.record_failure()
    breaker.record_success()
    breaker.record_failure()
    assert not breaker.is_open


def test_503_is_retried_then_answered(tron_node):
    answers = [Canned(503, b"busy"), Canned(503, b"busy")]
    tron_node.route(
        "POST",
        "/wallet/gettransactionbyid",
        lambda seen: answers.pop() if answers else Canned(200, b"{}"),
    )
    tron_node.json("POST", "/wallet/gettransactioninfobyid", b"{}")
    assert configured_clients()["tron"].tx("aa" * 32).found is False
    assert len(tron_node.seen) == 4  # 3 tries of the first call, 1 of the second


def test_a_node_that_stays_down_opens_the_circuit(tron_node, chain_settings):
    chain_settings.CHAIN = {**chain_settings.CHAIN, "RETRIES": 1, "BREAKER_FAILURES": 4}
    tron_node.route("POST", "/wallet/gettransactionbyid", Canned(503, b"down"))
    client = configured_clients()["tron"]
    for _ in range(2):
        with pytest.raises(Unavailable):
            client.tx("bb" * 32)
    assert len(tron_node.seen) == 4
    with pytest.raises(Unavailable, match="circuit open"):
        client.tx("cc" * 32)
    assert len(tron_node.seen) == 4  # the open circuit spared the node


def test_malformed_json_is_unavailable(tron_node, chain_settings):
    chain_settings.CHAIN = {**chain_settings.CHAIN, "RETRIES": 0}
    tron_node.route("POST", "/wallet/gettransactionbyid", Canned(200, b'{"ret": [truncated'))
    with pytest.raises(Unavailable, match="malformed JSON"):
        configured_clients()["tron"].tx("dd" * 32)


def test_slow_node_times_out(tron_node, chain_settings):
    chain_settings.CHAIN = {**chain_settings.CHAIN, "RETRIES": 0, "TIMEOUT_SECONDS": 0.2}
    tron_node.route("POST", "/wallet/gettransactionbyid", Canned(200, b"{}", delay=3))
    with pytest.raises(Unavailable, match="timed out"):
        configured_clients()["tron"].tx("ee" * 32)


def test_nothing_is_called_for_an_unconfigured_chain(chain_settings):
    assert configured_clients() == {}


def test_evm_urls_need_a_chain_id(chain_settings):
    chain_settings.CHAIN = {**chain_settings.CHAIN, "EVM_RPC_URLS": ["https://rpc.example"]}
    with pytest.raises(ImproperlyConfigured):
        configured_clients()


def test_several_evm_chains_by_chain_id(chain_settings):
    urls = ["1=https://eth.example", "56=https://bsc.example"]
    chain_settings.CHAIN = {**chain_settings.CHAIN, "EVM_RPC_URLS": urls}
    assert sorted(configured_clients()) == ["evm:1", "evm:56"]


def test_private_node_addresses_need_the_allow_list(tron_node, chain_settings):
    chain_settings.OUTBOUND = {**chain_settings.OUTBOUND, "ALLOWED_HOSTS": []}
    tron_node.json("POST", "/wallet/gettransactionbyid", b"{}")
    with pytest.raises(NotConfigured, match="not a public address"):
        configured_clients()["tron"].tx("ff" * 32)
    assert tron_node.seen == []
