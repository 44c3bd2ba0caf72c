"""What may be looked up, and the guard's hash_is_tx callback: a hash stays, a key never leaves."""

from walletdesk.chain.address import recognize
from walletdesk.chain.diagnosis import Reason, Verdict
from walletdesk.chain.references import lookup_targets, tx_hash_checker
from walletdesk.chain.runner import diagnose_reference
from walletdesk.guard.redaction import redact

HEX = "3f" * 32
OTHER = "9a" * 32


def test_unlabelled_64_hex_is_never_a_lookup_target():
    assert lookup_targets(f"please check {HEX}") == []


def test_labelled_hash_and_addresses_are_targets():
    text = f"交易ID：{HEX}，收款地址 TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
    kinds = [(ref.kind, ref.value) for ref in lookup_targets(text)]
    assert kinds == [("tx", HEX), ("address", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")]


def test_targets_are_unique_and_capped():
    text = " ".join(f"txid {i:064x}" for i in range(1, 9)) + f" txid {1:064x}"
    assert len(lookup_targets(text)) == 5


def test_redaction_keeps_a_labelled_hash_and_removes_a_key():
    text = f"txid {HEX} and my key {OTHER}"
    result = redact(text, hash_is_tx=tx_hash_checker(text))
    assert HEX in result.text
    assert OTHER not in result.text


def test_redaction_removes_an_unlabelled_bare_hex():
    text = f"here: {HEX}"
    assert HEX not in redact(text, hash_is_tx=tx_hash_checker(text)).text


def test_a_possible_key_is_never_sent(chain_settings):
    ref = recognize(HEX)  # no tx context: may be a private key
    diagnosis = diagnose_reference(ref)
    assert (diagnosis.verdict, diagnosis.reason) == (
        Verdict.UNAVAILABLE,
        Reason.PRIVATE_KEY_SUSPECTED,
    )
