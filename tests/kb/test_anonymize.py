"""Public-case text loses names, contacts, addresses, hashes, amounts and secrets."""

from walletdesk.kb.anonymize import anonymize

EVM = "0x52908400098527886E0F7030069857D2E4169EE7"
TX = "943d176daf4637f941faf3f136fe3d61832ad4913614df74f006625e5b5cea30"


def test_contacts_and_names_are_replaced():
    text = anonymize(
        "Alice Chen, alice@example.com, +86 138 0013 8000, @alicec", names=["Alice Chen"]
    )
    assert text == "[customer], [contact], [contact], [contact]"


def test_chain_references_are_replaced():
    text = anonymize(f"sent to {EVM}, txid {TX}")
    assert text == "sent to [address], txid [transaction]"


def test_amounts_in_both_languages_are_replaced():
    assert anonymize("sent 250 USDT and $20") == "sent [amount] and [amount]"
    assert anonymize("转了500USDT，还有1.5个BNB和3万U") == "转了[amount]，还有[amount]和[amount]"


def test_resource_figures_and_error_names_stay():
    text = "needs about 65,000 energy; result OUT_OF_ENERGY on TRC20"
    assert anonymize(text) == text


def test_secrets_go_through_the_redactor():
    words = "abandon " * 11 + "about"
    assert "abandon" not in anonymize(f"my mnemonic is {words}")
