"""The pure diagnosis rules and their texts, on hand-built facts."""

import pytest

from walletdesk.chain.diagnosis import (
    Alert,
    Expectations,
    Reason,
    Verdict,
    agent_text,
    amount_text,
    customer_text,
    diagnose_tx,
    is_lookalike,
    network_hint,
    quoted_amounts,
)
from walletdesk.chain.lookup import TokenTransfer, TxFacts

USDT = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
ALICE = "TJoaVSdktrnndU4dmKm33SWMKoXt4LLFbU"
BOB = "TUikLT3nTTjTkXPAuC4xUGj84vfSERCWRn"


def usdt_tx(recipient: str = BOB, **fields) -> TxFacts:
    transfer = TokenTransfer(USDT, ALICE, recipient, 12_000_000, symbol="USDT", decimals=6)
    base = dict(
        chain="tron",
        txid="ab" * 32,
        found=True,
        in_block=True,
        block_number=100,
        head_block=120,
        final_block=101,
        success=True,
        result="SUCCESS",
        sender=ALICE,
        contract=USDT,
        transfers=(transfer,),
    )
    return TxFacts(**{**base, **fields})


@pytest.mark.parametrize(
    ("amount", "decimals", "text"),
    [(1_500_000, 6, "1.5"), (10**18, 18, "1"), (1, 8, "0.00000001"), (123, None, "123")],
)
def test_amounts_use_the_token_decimals(amount, decimals, text):
    assert amount_text(amount, decimals) == text


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("我用TRC20转的USDT", "tron"),
        ("sent via ERC-20", "evm:1"),
        ("BEP20 网络", "evm:56"),
        ("TRC20 or ERC20?", None),
        ("no network named", None),
    ],
)
def test_network_hint(text, hint):
    assert network_hint(text) == hint


def test_lookalike_addresses_share_both_ends():
    poisoned = "TUikL" + "x" * 25 + "CWRn"
    assert is_lookalike(BOB, poisoned)
    assert not is_lookalike(BOB, BOB)
    assert not is_lookalike(BOB, ALICE)


def test_final_success_with_transfer_details():
    diagnosis = diagnose_tx(usdt_tx())
    assert (diagnosis.verdict, diagnosis.reason) == (Verdict.SUCCEEDED, Reason.FINAL)
    assert diagnosis.details["confirmations"] == 21
    assert "12 USDT" in customer_text(diagnosis, "en")
    assert "已最终确认" in customer_text(diagnosis, "zh-hans")


def test_not_yet_final_is_confirming():
    diagnosis = diagnose_tx(usdt_tx(final_block=99))
    assert diagnosis.reason == Reason.CONFIRMING


def test_recipient_lookalike_of_the_quoted_address():
    poisoned = "TUikL" + "x" * 25 + "CWRn"
    diagnosis = diagnose_tx(usdt_tx(recipient=poisoned), expectations=Expectations((BOB,)))
    assert diagnosis.warnings == (Alert.RECIPIENT_LOOKALIKE,)
    assert "地址投毒" in customer_text(diagnosis, "zh-hans")


def test_quoting_the_right_recipient_raises_nothing():
    assert diagnose_tx(usdt_tx(), expectations=Expectations((ALICE, BOB))).warnings == ()


def test_a_different_recipient():
    other = "TWAFRfZFmhVQZjxM3De7Mp5UZ9sLqWqpHp"
    diagnosis = diagnose_tx(usdt_tx(), expectations=Expectations((other,)))
    assert diagnosis.warnings == (Alert.RECIPIENT_DIFFERS,)


def test_erc20_question_about_a_trc20_hash():
    diagnosis = diagnose_tx(usdt_tx(), expectations=Expectations(network_hint="evm:1"))
    assert Alert.WRONG_NETWORK in diagnosis.warnings


def test_tron_transaction_past_its_expiration_is_expired():
    facts = usdt_tx(in_block=False, block_number=None, success=None, extra={"expiration_ms": 1000})
    assert diagnose_tx(facts, now_ms=2000).reason == Reason.EXPIRED
    assert diagnose_tx(facts, now_ms=500).reason == Reason.WAITING


@pytest.mark.parametrize(
    ("result", "reason"),
    [
        ("OUT_OF_ENERGY", Reason.OUT_OF_ENERGY),
        ("REVERT", Reason.REVERT),
        ("OUT_OF_TIME", Reason.OUT_OF_TIME),
        ("BANDWITH_ERROR", Reason.BANDWIDTH_ERROR),
        ("TRANSFER_FAILED", Reason.FAILED_OTHER),
    ],
)
def test_tron_failure_codes(result, reason):
    diagnosis = diagnose_tx(usdt_tx(success=False, result=result))
    assert (diagnosis.verdict, diagnosis.reason) == (Verdict.FAILED, reason)
    assert customer_text(diagnosis, "en") and customer_text(diagnosis, "zh-hans")


def test_evm_nonce_gap_lists_the_missing_nonces():
    facts = TxFacts(
        chain="evm:1",
        txid="0x" + "cd" * 32,
        found=True,
        sender="0x" + "1" * 40,
        extra={"nonce": 7, "nonce_latest": 4, "nonce_pending": 5},
    )
    diagnosis = diagnose_tx(facts)
    assert diagnosis.reason == Reason.NONCE_GAP
    assert diagnosis.details["missing_nonces"] == [5, 6]


def test_agent_text_has_the_facts_and_both_languages():
    text = agent_text(diagnose_tx(usdt_tx(success=False, result="OUT_OF_ENERGY")))
    assert "failed (out_of_energy)" in text
    assert f"- to: {BOB}" in text
    assert "EN: " in text and "中文: " in text


def test_quoted_amounts():
    text = "我转了 1,000.5 USDT 和 20trx, then 0.1 ETH"
    assert quoted_amounts(text) == (("1000.5", "USDT"), ("20", "TRX"), ("0.1", "ETH"))


def test_an_amount_other_than_the_quoted_one():
    said_100 = Expectations(amounts=(("100", "USDT"),))
    assert Alert.AMOUNT_DIFFERS in diagnose_tx(usdt_tx(), expectations=said_100).warnings
    said_12 = Expectations(amounts=(("12.0", "USDT"), ("5", "TRX")))
    assert diagnose_tx(usdt_tx(), expectations=said_12).warnings == ()
