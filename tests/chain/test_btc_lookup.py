"""Esplora client and diagnosis against recorded answers served locally."""

import json

from tests.chain.conftest import Canned, recorded, recorded_json
from walletdesk.chain.diagnosis import Reason, Verdict, customer_text, diagnose_tx
from walletdesk.chain.lookup import configured_clients
from walletdesk.chain.runner import diagnose_value

TXID = "9d3ea0d131c45450c135d549b62032019bc47a80368e14edc72caf38f5a88033"


def test_confirmed_transaction(esplora):
    esplora.json("GET", f"/tx/{TXID}", recorded("btc/tx_confirmed.json"))
    esplora.route(
        "GET", "/blocks/tip/height", Canned(200, b"875610", {"Content-Type": "text/plain"})
    )
    facts = configured_clients()["btc"].tx(TXID)
    assert (facts.found, facts.in_block, facts.block_number) == (True, True, 875602)
    assert facts.confirmations == 9 and facts.final
    assert facts.fee == 44000
    diagnosis = diagnose_tx(facts)
    assert (diagnosis.verdict, diagnosis.reason) == (Verdict.SUCCEEDED, Reason.FINAL)
    assert diagnosis.details["fee"] == "0.00044"


def test_unknown_txid_is_not_found(esplora):
    esplora.route("GET", "/tx/" + "ab" * 32, Canned(404, b"Transaction not found"))
    diagnosis = diagnose_value("ab" * 32, chain="btc")
    assert diagnosis.verdict == Verdict.NOT_FOUND


def test_mempool_transaction_with_a_too_low_fee_rate(esplora):
    # Synthetic: the recorded transaction, as it would look unconfirmed in the mempool.
    tx = recorded_json("btc/tx_confirmed.json")
    tx["status"] = {"confirmed": False}
    tx["weight"] = 4 * 5514  # 44000 sat over 5514 vB: about 8 sat/vB
    fees = recorded_json("btc/fee_estimates.json")
    fees["144"] = 12.5
    esplora.json("GET", f"/tx/{TXID}", tx)
    esplora.json("GET", "/fee-estimates", fees)
    diagnosis = diagnose_tx(configured_clients()["btc"].tx(TXID))
    assert (diagnosis.verdict, diagnosis.reason) == (Verdict.PENDING, Reason.UNDERPRICED)
    assert "RBF" in customer_text(diagnosis, "en")


def test_address_report(esplora):
    address = "bc1q9yhuu4yty2xd8hmrxnw4yhavvtn7khm62uw38p"
    stats = {"tx_count": 2, "funded_txo_sum": 57000, "spent_txo_sum": 0}  # synthetic
    empty = {"tx_count": 0, "funded_txo_sum": 0, "spent_txo_sum": 0}
    body = {"address": address, "chain_stats": stats, "mempool_stats": empty}
    esplora.json("GET", f"/address/{address}", json.dumps(body).encode())
    diagnosis = diagnose_value(address)
    assert (diagnosis.reason, diagnosis.details["balance"]) == (Reason.ACTIVE, "0.00057")
