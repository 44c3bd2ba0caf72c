"""TRON client and diagnosis against recorded full-node answers served locally."""

import pytest

from tests.chain.conftest import Canned, recorded, recorded_json
from walletdesk.chain.diagnosis import Alert, Reason, Verdict, customer_text, diagnose_tx
from walletdesk.chain.lookup import BadAnswer, RateLimited, configured_clients
from walletdesk.chain.runner import diagnose_value

OOE = "e63a324a43aebfe41273db4f7fdfe325b2257b4f5711595a5fc0f8a75cf1b481"
TRC20_OK = "b69c51db8f9d974e6a38c76852c8ce1adcb682dbacb25ad8ad4f6876121fe9dc"
TRX_PLAIN = "2389719608ed69f7ec3e72c1abb92acaa43b7175f3062f4ebc6e2e02cc82d0d2"
USDT = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"


def tron():
    return configured_clients()["tron"]


def test_out_of_energy_receipt(tron_node):
    tron_node.tx(info="tron/info_out_of_energy.json")
    tron_node.block(66860030, solid=66860011)
    facts = tron().tx(OOE)
    assert (facts.found, facts.in_block, facts.success) == (True, True, False)
    assert facts.result == "OUT_OF_ENERGY"
    assert facts.contract == USDT
    assert facts.message.startswith("Not enough energy for 'SSTORE' operation")
    assert facts.final and facts.confirmations == 21
    diagnosis = diagnose_tx(facts)
    assert (diagnosis.verdict, diagnosis.reason) == (Verdict.FAILED, Reason.OUT_OF_ENERGY)
    assert diagnosis.details["energy_fee_trx"] == "16.50012"
    assert "16.50012 TRX" in customer_text(diagnosis, "en")
    assert "16.50012 TRX" in customer_text(diagnosis, "zh-hans")
    assert "能量不足" in customer_text(diagnosis, "zh-hans")


def test_trc20_transfer_is_decoded_from_the_log(tron_node):
    tron_node.tx(info="tron/info_trc20_success.json")
    tron_node.block(66861999, solid=66861980)
    facts = tron().tx(TRC20_OK)
    [transfer] = facts.transfers
    assert (transfer.token, transfer.symbol, transfer.amount) == (USDT, "USDT", 3_500_000)
    assert transfer.sender == "TJoaVSdktrnndU4dmKm33SWMKoXt4LLFbU"
    assert transfer.recipient == "TUikLT3nTTjTkXPAuC4xUGj84vfSERCWRn"
    diagnosis = diagnose_tx(facts)
    assert (diagnosis.verdict, diagnosis.reason) == (Verdict.SUCCEEDED, Reason.CONFIRMING)
    assert diagnosis.details["amount"] == "3.5"
    assert "3.5 USDT" in customer_text(diagnosis, "en")


def test_plain_trx_transfer_without_receipt_result_succeeded(tron_node):
    tron_node.tx(info="tron/info_trx_transfer.json")
    tron_node.block(66862300)
    diagnosis = diagnose_tx(tron().tx(TRX_PLAIN))
    assert (diagnosis.verdict, diagnosis.reason) == (Verdict.SUCCEEDED, Reason.FINAL)
    assert diagnosis.details["confirmations"] == 96


def test_revert_receipt(tron_node):
    tron_node.tx(info="tron/info_revert.json")
    tron_node.block(2100)
    facts = tron().tx("de289f255aa2cdda95fbd430caf8fde3f9c989c544c4917cf1285a088115d0e8")
    diagnosis = diagnose_tx(facts)
    assert (diagnosis.verdict, diagnosis.reason) == (Verdict.FAILED, Reason.REVERT)
    assert "REVERT opcode executed" in customer_text(diagnosis, "en")


def test_unknown_id_is_not_found(tron_node):
    tron_node.tx()
    diagnosis = diagnose_value("ab" * 32)
    assert (diagnosis.verdict, diagnosis.reason) == (Verdict.NOT_FOUND, Reason.NOT_FOUND)
    assert "TRON" in customer_text(diagnosis, "en")


def test_broadcast_but_expired_transaction(tron_node):
    tron_node.tx(body="tron/tx_trc10_transfer.json")
    diagnosis = diagnose_value("78758c5303a49b7b9d010853b8774c55a554b57a26060190e3e338cb70043081")
    assert (diagnosis.verdict, diagnosis.reason) == (Verdict.PENDING, Reason.EXPIRED)
    assert diagnosis.facts["sender"].startswith("T")
    assert diagnosis.facts["value"] == 0  # a TRC10 transfer moves the token, not TRX
    assert diagnosis.facts["extra"]["trc10"] == ["31303034323935", 50]


def test_api_key_header_is_sent(tron_node, chain_settings):
    chain_settings.CHAIN = {**chain_settings.CHAIN, "TRON_API_KEY": "k-123"}
    tron_node.tx()
    tron().tx("cd" * 32)
    assert {seen.headers.get("TRON-PRO-API-KEY") for seen in tron_node.seen} == {"k-123"}
    assert tron_node.seen[0].json() == {"value": "cd" * 32}


def test_error_body_with_http_200_is_a_bad_answer(tron_node):
    tron_node.json("POST", "/wallet/gettransactionbyid", recorded("tron/error_body.json"))
    with pytest.raises(BadAnswer):
        tron().tx("ef" * 32)
    assert len(tron_node.seen) == 1  # not retried


def test_rate_limit_429_is_retried(tron_node):
    answers = [Canned(429, b'{"Error": "rate limit"}', {"Retry-After": "0"})]

    def first_limited(seen):
        return answers.pop() if answers else Canned(200, recorded("tron/empty.json"))

    tron_node.route("POST", "/wallet/gettransactionbyid", first_limited)
    tron_node.json("POST", "/wallet/gettransactioninfobyid", recorded("tron/empty.json"))
    assert tron().tx("01" * 32).found is False
    assert [s.path for s in tron_node.seen].count("/wallet/gettransactionbyid") == 2


def test_rate_limit_in_a_200_body_is_retried(tron_node):
    # Synthetic body: the wording TronGrid uses for a suspended key.
    limited = (
        b'{"Error": "request rate exceeded the allowed_rps(15), and the query server is suspended"}'
    )
    answers = [Canned(200, limited)]
    tron_node.route(
        "POST",
        "/wallet/gettransactionbyid",
        lambda seen: answers.pop() if answers else Canned(200, b"{}"),
    )
    tron_node.json("POST", "/wallet/gettransactioninfobyid", b"{}")
    assert tron().tx("02" * 32).found is False


def test_403_suspension_is_not_hammered(tron_node):
    tron_node.route("POST", "/wallet/gettransactionbyid", Canned(403, b"suspended"))
    with pytest.raises(RateLimited):
        tron().tx("03" * 32)
    assert len(tron_node.seen) == 1


def test_active_account_report(tron_node):
    tron_node.json("POST", "/wallet/getaccount", recorded("tron/account.json"))
    tron_node.json("POST", "/wallet/getaccountresource", recorded("tron/account_resource.json"))
    diagnosis = diagnose_value("TWAFRfZFmhVQZjxM3De7Mp5UZ9sLqWqpHp")
    assert (diagnosis.verdict, diagnosis.reason) == (Verdict.ADDRESS, Reason.ACTIVE)
    assert diagnosis.details["balance"] == "1793.2272"
    assert diagnosis.details["bandwidth_available"] == 159
    assert Alert.NO_ENERGY in diagnosis.warnings
    assert Alert.FOREIGN_PERMISSION_KEYS not in diagnosis.warnings


def test_inactive_account(tron_node):
    tron_node.json("POST", "/wallet/getaccount", recorded("tron/empty.json"))
    diagnosis = diagnose_value(USDT[:-1] + "u")  # a checksum-valid address is needed...
    assert diagnosis is None  # ...a typo is not recognised at all
    diagnosis = diagnose_value("TWAFRfZFmhVQZjxM3De7Mp5UZ9sLqWqpHp")
    assert (diagnosis.verdict, diagnosis.reason) == (Verdict.ADDRESS, Reason.INACTIVE)
    assert "未激活" in customer_text(diagnosis, "zh-hans")


def test_foreign_permission_keys_are_flagged(tron_node):
    # Derived from the recorded account: its owner permission now also holds a stranger's key.
    account = recorded_json("tron/account.json")
    account["owner_permission"] = {
        "permission_name": "owner",
        "threshold": 1,
        "keys": [{"address": "41a614f803b6fd780986a42c78ec9c7f77e6ded13c", "weight": 1}],
    }
    tron_node.json("POST", "/wallet/getaccount", account)
    tron_node.json("POST", "/wallet/getaccountresource", recorded("tron/account_resource.json"))
    diagnosis = diagnose_value("TWAFRfZFmhVQZjxM3De7Mp5UZ9sLqWqpHp")
    assert Alert.FOREIGN_PERMISSION_KEYS in diagnosis.warnings
    assert diagnosis.details["foreign_keys"] == [USDT]
    assert "多签" in customer_text(diagnosis, "zh-hans")


def test_transaction_known_to_the_node_but_not_yet_in_a_block(tron_node):
    tron_node.tx(body="tron/tx_contract_call.json")
    txid = "01b4cde4197b9d1a1ff09ef5d2b1d939d3ec2401b3f002ebd0802c0f30a6e4ca"
    facts = tron().tx(txid)
    assert (facts.found, facts.in_block) == (True, False)
    assert facts.sender == "TWAFRfZFmhVQZjxM3De7Mp5UZ9sLqWqpHp"
    assert diagnose_tx(facts).reason == Reason.WAITING
