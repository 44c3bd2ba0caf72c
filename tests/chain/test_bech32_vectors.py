"""BIP-173 / BIP-350 vectors against the pinned bech32m package and our segwit decoding."""

import pytest
from bech32m import DecodeError, decode
from bech32m.codecs import Encoding, bech32_decode

from walletdesk.chain.address import decode_btc_address, find_references

from ._vectors import load_vectors

BIP173 = load_vectors("bip173.json")
BIP350 = load_vectors("bip350.json")


def _script_pubkey(version: int, program: bytes) -> str:
    op = 0x50 + version if version else 0
    return bytes([op, len(program)]).hex() + bytes(program).hex()


def _hrp(address: str) -> str:
    lower = address.lower()
    return lower[: lower.rfind("1")]


@pytest.mark.parametrize("string", BIP173["valid_bech32"])
def test_bip173_valid_bech32_strings(string):
    _hrp_got, _data, spec = bech32_decode(string)
    assert spec is Encoding.BECH32


@pytest.mark.parametrize(("string", "reason"), BIP173["invalid_bech32"])
def test_bip173_invalid_bech32_strings(string, reason):
    with pytest.raises(DecodeError):
        bech32_decode(string)


@pytest.mark.parametrize("string", BIP350["valid_bech32m"])
def test_bip350_valid_bech32m_strings(string):
    _hrp_got, _data, spec = bech32_decode(string)
    assert spec is Encoding.BECH32M


@pytest.mark.parametrize("string", BIP173["valid_bech32"])
def test_bip173_valid_strings_are_not_bech32m(string):
    # BIP-350: no string is valid as both, so the bech32 vectors are invalid bech32m.
    _hrp_got, _data, spec = bech32_decode(string)
    assert spec is not Encoding.BECH32M


@pytest.mark.parametrize(("string", "reason"), BIP350["invalid_bech32m"])
def test_bip350_invalid_bech32m_strings(string, reason):
    with pytest.raises(DecodeError):
        bech32_decode(string)


SEGWIT_VALID = BIP173["valid_segwit"] + BIP350["valid_segwit"]


@pytest.mark.parametrize(("address", "script_pubkey"), SEGWIT_VALID)
def test_valid_segwit_addresses_decode_to_script_pubkey(address, script_pubkey):
    version, program = decode(_hrp(address), address)
    assert _script_pubkey(version, program) == script_pubkey


@pytest.mark.parametrize(("address", "script_pubkey"), SEGWIT_VALID)
def test_valid_segwit_addresses_are_found_in_text(address, script_pubkey):
    expected_network = {"bc": "mainnet", "tb": "testnet"}[_hrp(address)]
    text = f"请把币提到 {address}，谢谢"
    (ref,) = find_references(text)
    assert ref.kind == "address"
    assert ref.value == address.lower()
    assert ref.chains == ("btc",)
    assert ref.network == expected_network
    assert text[ref.span[0] : ref.span[1]] == address
    assert decode_btc_address(address) is not None


@pytest.mark.parametrize(("address", "reason"), BIP173["invalid_segwit"] + BIP350["invalid_segwit"])
def test_invalid_segwit_addresses_are_rejected(address, reason):
    for hrp in ("bc", "tb"):
        with pytest.raises(DecodeError):
            decode(hrp, address)
    assert decode_btc_address(address) is None
    assert find_references(f"address: {address} thanks") == []


@pytest.mark.parametrize(("address", "script_pubkey"), BIP173["superseded_by_bip350"])
def test_bip173_v1_plus_vectors_are_invalid_after_bip350(address, script_pubkey):
    # BIP-173 listed v1+ addresses with a bech32 checksum; BIP-350 requires bech32m.
    _hrp_got, _data, spec = bech32_decode(address)
    assert spec is Encoding.BECH32
    with pytest.raises(DecodeError):
        decode(_hrp(address), address)
    assert find_references(f"send to {address}") == []


def test_bech32_length_and_case_edge_cases():
    valid = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
    assert find_references(valid.upper())[0].value == valid
    assert find_references("x" + valid) == []  # inside a longer run
    assert find_references(valid + "q") == []
