"""Bitcoin addresses: Bitcoin Core key_io vectors, legacy base58 forms, networks."""

import pytest

from walletdesk.chain.address import decode_btc_address, find_references

from ._vectors import load_vectors

CORE = load_vectors("bitcoin_core_key_io_valid.json")
NETWORKS = {"main": "mainnet", "testnet4": "testnet", "signet": "testnet", "regtest": "testnet"}


def _expected_network(address: str, chain: str) -> str:
    # bech32 "bcrt" is recognisably regtest; base58 regtest shares testnet version bytes.
    return "regtest" if address.startswith("bcrt1") else NETWORKS[chain]


def _expected_encoding(script_pubkey: str) -> str:
    if script_pubkey.startswith("76a914"):
        return "p2pkh"
    if script_pubkey.startswith("a914"):
        return "p2sh"
    size = int(script_pubkey[2:4], 16)
    if script_pubkey.startswith("00"):
        return "p2wpkh" if size == 20 else "p2wsh"
    version = int(script_pubkey[:2], 16) - 0x50
    return "p2tr" if version == 1 and size == 32 else f"segwit-v{version}"


@pytest.mark.parametrize(("address", "script_pubkey", "chain"), CORE["addresses"])
def test_bitcoin_core_valid_addresses(address, script_pubkey, chain):
    decoded = decode_btc_address(address)
    assert decoded is not None
    assert decoded.network == _expected_network(address, chain)
    assert decoded.encoding == _expected_encoding(script_pubkey)
    text = f"Withdrawal to {address} has not arrived."
    (ref,) = find_references(text)
    assert ref.kind == "address"
    assert ref.chains == ("btc",)
    assert ref.network == decoded.network
    assert text[slice(*ref.span)] == address


@pytest.mark.parametrize("wif", CORE["wif_private_keys"])
def test_wif_private_keys_are_not_addresses(wif):
    assert decode_btc_address(wif) is None
    assert find_references(f"key {wif}") == []


@pytest.mark.parametrize(
    ("address", "network", "encoding"),
    [
        ("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "mainnet", "p2pkh"),  # genesis block
        ("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "mainnet", "p2sh"),
        ("mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn", "testnet", "p2pkh"),
        ("2MzQwSSnBHWHqSAqtTVQ6v47XtaisrJa1Vc", "testnet", "p2sh"),
    ],
)
def test_legacy_addresses(address, network, encoding):
    decoded = decode_btc_address(address)
    assert decoded is not None
    assert (decoded.network, decoded.encoding) == (network, encoding)


def test_bad_base58_checksum():
    assert decode_btc_address("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb") is None
    assert find_references("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb") == []
