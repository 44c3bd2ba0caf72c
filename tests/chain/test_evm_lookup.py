"""EVM client and diagnosis against a real local Hardhat node (real transactions)."""

from walletdesk.chain.diagnosis import (
    Alert,
    Expectations,
    Reason,
    Verdict,
    customer_text,
    diagnose_tx,
)
from walletdesk.chain.lookup import configured_clients
from walletdesk.chain.runner import diagnose_value

CHAIN = "evm:31337"


def client():
    return configured_clients()[CHAIN]


def test_plain_transfer_succeeded_and_final(evm_node):
    facts = client().tx(evm_node.eth_transfer)
    assert (facts.found, facts.in_block, facts.success) == (True, True, True)
    assert facts.value == 1_500_000_000_000_000_000
    assert facts.confirmations >= 6
    diagnosis = diagnose_tx(facts)
    assert (diagnosis.verdict, diagnosis.reason) == (Verdict.SUCCEEDED, Reason.FINAL)
    assert diagnosis.details["amount"] == "1.5"
    assert diagnosis.details["token"] == "ETH"


def test_erc20_transfer_is_decoded_with_symbol_and_decimals(evm_node):
    diagnosis = diagnose_tx(client().tx(evm_node.token_transfer))
    assert diagnosis.verdict == Verdict.SUCCEEDED
    details = diagnosis.details
    assert (details["token"], details["amount"]) == ("TUSD", "25.5")
    assert details["to"] == evm_node.accounts[2].lower()
    assert details["token_contract"] == evm_node.token
    assert "25.5 TUSD" in customer_text(diagnosis, "zh-hans")


def test_approval_is_not_a_transfer(evm_node):
    diagnosis = diagnose_tx(client().tx(evm_node.approval))
    assert Alert.APPROVAL_NOT_TRANSFER in diagnosis.warnings
    assert diagnosis.details["transfer_kind"] == "approval"


def test_revert_with_reason(evm_node):
    facts = client().tx(evm_node.reverted)
    assert facts.success is False
    assert facts.message == "balance too low"
    assert facts.intended.amount == 5
    diagnosis = diagnose_tx(facts)
    assert (diagnosis.verdict, diagnosis.reason) == (Verdict.FAILED, Reason.REVERT)
    assert "balance too low" in customer_text(diagnosis, "en")


def test_out_of_gas(evm_node):
    facts = client().tx(evm_node.out_of_gas)
    assert facts.extra["gas_used"] == facts.extra["gas_limit"] == 25_000
    diagnosis = diagnose_tx(facts)
    assert (diagnosis.verdict, diagnosis.reason) == (Verdict.FAILED, Reason.OUT_OF_GAS)
    assert "Gas" in customer_text(diagnosis, "zh-hans")


def test_transfer_to_the_token_contract(evm_node):
    diagnosis = diagnose_tx(client().tx(evm_node.to_token_contract))
    assert Alert.TRANSFER_TO_TOKEN_CONTRACT in diagnosis.warnings


def test_nonce_gap(evm_node):
    diagnosis = diagnose_tx(client().tx(evm_node.nonce_gap))
    assert (diagnosis.verdict, diagnosis.reason) == (Verdict.PENDING, Reason.NONCE_GAP)
    assert diagnosis.details["missing_nonces"] == [0]
    assert "nonce 0" in customer_text(diagnosis, "en")


def test_underpriced_pending(evm_node):
    diagnosis = diagnose_tx(client().tx(evm_node.underpriced))
    assert (diagnosis.verdict, diagnosis.reason) == (Verdict.PENDING, Reason.UNDERPRICED)
    assert float(diagnosis.details["base_fee_gwei"]) > float(diagnosis.details["offered_gwei"])


def test_pending_with_a_good_fee_is_just_waiting(evm_node):
    diagnosis = diagnose_tx(client().tx(evm_node.waiting))
    assert (diagnosis.verdict, diagnosis.reason) == (Verdict.PENDING, Reason.WAITING)


def test_unknown_hash_is_not_found(evm_node):
    diagnosis = diagnose_value("0x" + "12" * 32)
    assert (diagnosis.verdict, diagnosis.reason) == (Verdict.NOT_FOUND, Reason.NOT_FOUND)
    assert diagnosis.details["chains"] == [CHAIN]


def test_hash_found_on_another_network_than_asked(evm_node):
    diagnosis = diagnose_value(evm_node.eth_transfer, chain="bsc")
    assert diagnosis.chain == CHAIN
    assert Alert.WRONG_NETWORK in diagnosis.warnings


def test_recipient_that_differs_from_the_quoted_one(evm_node):
    quoted = Expectations(addresses=(evm_node.accounts[7].lower(),))
    diagnosis = diagnose_tx(client().tx(evm_node.token_transfer), expectations=quoted)
    assert Alert.RECIPIENT_DIFFERS in diagnosis.warnings


def test_address_reports(evm_node):
    sender = diagnose_value(evm_node.accounts[0])
    assert (sender.verdict, sender.reason) == (Verdict.ADDRESS, Reason.ACTIVE)
    assert sender.details["tx_count"] >= 6
    contract = diagnose_value(evm_node.token)
    assert contract.details["is_contract"] is True
    fresh = diagnose_value("0x" + "5" * 40)
    assert fresh.reason == Reason.UNUSED


def test_answers_are_cached(evm_node):
    client().tx(evm_node.eth_transfer)
    calls = client().node_calls
    client().tx(evm_node.eth_transfer)
    assert client().node_calls == calls
