"""Real transactions on the local Hardhat node, one of each case the diagnosis knows."""

from __future__ import annotations

from dataclasses import dataclass

from tests.chain._hardhat import Hardhat, token_artifact
from walletdesk.chain.lookup.abi import SELECTOR_APPROVE, SELECTOR_TRANSFER, encode_call

ETH = 10**18
TUSD = 10**6  # the test token has 6 decimals


@dataclass
class Scenario:
    accounts: list[str]
    token: str
    eth_transfer: str
    token_transfer: str
    approval: str
    reverted: str
    out_of_gas: str
    to_token_contract: str
    nonce_gap: str
    underpriced: str
    waiting: str


def _deploy(node: Hardhat, owner: str) -> str:
    artifact = token_artifact()
    tx = node.send(**{"from": owner, "data": artifact["bytecode"] + f"{1_000_000 * TUSD:064x}"})
    return node.receipt(tx)["contractAddress"]


def _call(node: Hardhat, sender: str, token: str, data: str, gas: int | None = None) -> str:
    tx = {"from": sender, "to": token, "data": data}
    if gas:
        tx["gas"] = hex(gas)
    return node.send(**tx)


def build(node: Hardhat) -> Scenario:
    a = node.rpc("eth_accounts")
    eth_transfer = node.send(**{"from": a[0], "to": a[1], "value": hex(3 * ETH // 2)})
    token = _deploy(node, a[0])
    token_transfer = _call(node, a[0], token, encode_call(SELECTOR_TRANSFER, a[2], 25_500_000))
    approval = _call(node, a[0], token, encode_call(SELECTOR_APPROVE, a[3], 100 * TUSD))
    reverted = _call(node, a[1], token, encode_call(SELECTOR_TRANSFER, a[2], 5), gas=100_000)
    out_of_gas = _call(node, a[0], token, encode_call(SELECTOR_TRANSFER, a[2], 1), gas=25_000)
    to_contract = _call(node, a[0], token, encode_call(SELECTOR_TRANSFER, token, 7 * TUSD))
    node.rpc("hardhat_mine", "0x5")
    # From here on transactions stay in the mempool.
    node.rpc("evm_setAutomine", False)
    gap_nonce = int(node.rpc("eth_getTransactionCount", a[3], "latest"), 16) + 1
    nonce_gap = node.send(**{"from": a[3], "to": a[4], "value": "0x1", "nonce": hex(gap_nonce)})
    underpriced = node.send(
        **{
            "from": a[5],
            "to": a[4],
            "value": "0x1",
            "maxFeePerGas": "0x1",
            "maxPriorityFeePerGas": "0x1",
        }
    )
    waiting = node.send(**{"from": a[6], "to": a[4], "value": "0x1"})
    return Scenario(
        a,
        token.lower(),
        eth_transfer,
        token_transfer,
        approval,
        reverted,
        out_of_gas,
        to_contract,
        nonce_gap,
        underpriced,
        waiting,
    )
