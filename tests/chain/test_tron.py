"""TRON base58check and hex forms."""

import pytest

from walletdesk.chain.address import (
    find_references,
    is_tron_address,
    tron_from_hex,
    tron_to_hex,
)

from ._vectors import load_vectors

TRON = load_vectors("tron.json")["addresses"]
USDT = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"


@pytest.mark.parametrize(("address", "hex_form", "note"), TRON)
def test_round_trip(address, hex_form, note):
    assert is_tron_address(address)
    assert tron_to_hex(address) == hex_form
    assert tron_from_hex(hex_form) == address
    assert tron_from_hex("0x" + hex_form) == address
    assert tron_from_hex(hex_form[2:]) == address  # 20-byte EVM form
    assert tron_from_hex(hex_form.upper()) == address


def test_usdt_contract_hex():
    assert tron_to_hex(USDT) == "41a614f803b6fd780986a42c78ec9c7f77e6ded13c"


@pytest.mark.parametrize(
    "bad",
    [
        "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u",  # last char changed: checksum
        "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6",  # too short
        "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",  # valid base58check, BTC version byte
        "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj60",  # 0 is not base58
    ],
)
def test_invalid_base58(bad):
    assert not is_tron_address(bad)
    with pytest.raises(ValueError):
        tron_to_hex(bad)
    assert all(ref.chains != ("tron",) for ref in find_references(f"地址{bad}"))


@pytest.mark.parametrize("bad", ["42a614f803b6fd780986a42c78ec9c7f77e6ded13c", "41a614", "41zz"])
def test_invalid_hex(bad):
    with pytest.raises(ValueError):
        tron_from_hex(bad)


def test_hex_form_in_text_is_normalised_to_base58():
    text = "合约hex地址：41a614f803b6fd780986a42c78ec9c7f77e6ded13c。"
    (ref,) = find_references(text)
    assert ref.kind == "address"
    assert ref.value == USDT
    assert ref.encoding == "tron-hex"
    assert ref.chains == ("tron",)
    assert text[slice(*ref.span)] == "41a614f803b6fd780986a42c78ec9c7f77e6ded13c"


def test_no_spaces_around_chinese():
    text = f"我往{USDT}转了100USDT没到账"
    (ref,) = find_references(text)
    assert ref.value == USDT
    assert ref.span == (2, 36)
    assert ref.network is None


def test_inside_longer_base58_run_is_ignored():
    assert find_references(USDT + "abc") == []
    assert find_references("x" + USDT) == []
