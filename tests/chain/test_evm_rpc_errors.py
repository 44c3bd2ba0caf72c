"""JSON-RPC error objects: rate limits are retried, other errors are reported, not retried."""

import pytest

from tests.chain.conftest import Canned
from tests.core._http_server import LocalServer
from walletdesk.chain.lookup import BadAnswer, RateLimited, configured_clients


@pytest.fixture
def rpc_node(chain_settings):
    with LocalServer() as node:
        chain_settings.CHAIN = {**chain_settings.CHAIN, "EVM_RPC_URLS": [f"1={node.url}"]}
        yield node


def rpc_answer(body: bytes) -> Canned:
    return Canned(200, body, {"Content-Type": "application/json"})


def test_rate_limit_error_object_is_retried(rpc_node):
    # Synthetic: the error code public RPC providers use for "limit exceeded".
    limited = b'{"jsonrpc":"2.0","id":1,"error":{"code":-32005,"message":"limit exceeded"}}'
    answers = [rpc_answer(limited)]
    rpc_node.route(
        "POST",
        "/",
        lambda seen: (
            answers.pop() if answers else rpc_answer(b'{"jsonrpc":"2.0","id":1,"result":null}')
        ),
    )
    facts = configured_clients()["evm:1"].tx("0x" + "ab" * 32)
    assert facts.found is False
    assert len(rpc_node.seen) == 2
    assert rpc_node.seen[1].json()["method"] == "eth_getTransactionByHash"


def test_rate_limit_that_persists(rpc_node, chain_settings):
    chain_settings.CHAIN = {**chain_settings.CHAIN, "RETRIES": 1}
    limited = b'{"jsonrpc":"2.0","id":1,"error":{"code":-32005,"message":"limit exceeded"}}'
    rpc_node.route("POST", "/", rpc_answer(limited))
    with pytest.raises(RateLimited):
        configured_clients()["evm:1"].tx("0x" + "ab" * 32)
    assert len(rpc_node.seen) == 2


def test_other_rpc_errors_are_not_retried(rpc_node):
    bad = b'{"jsonrpc":"2.0","id":1,"error":{"code":-32602,"message":"invalid argument 0"}}'
    rpc_node.route("POST", "/", rpc_answer(bad))
    with pytest.raises(BadAnswer, match="invalid argument"):
        configured_clients()["evm:1"].tx("0x" + "ab" * 32)
    assert len(rpc_node.seen) == 1
