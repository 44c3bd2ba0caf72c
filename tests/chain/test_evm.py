"""EIP-55 checksum vectors (from the EIP) and EVM address recognition."""

import pytest

from walletdesk.chain.address import find_references, is_evm_address, to_checksum_address

from ._vectors import load_vectors

EIP55 = load_vectors("eip55.json")
ALL = EIP55["all_caps"] + EIP55["all_lower"] + EIP55["normal"]


@pytest.mark.parametrize("address", EIP55["normal"])
def test_checksum_of_lowercase_matches_eip55_vector(address):
    assert to_checksum_address(address.lower()) == address
    assert to_checksum_address(address.upper().replace("0X", "0x")) == address


@pytest.mark.parametrize("address", ALL)
def test_eip55_vectors_are_valid(address):
    assert is_evm_address(address)


@pytest.mark.parametrize("address", EIP55["normal"])
def test_single_case_flip_breaks_the_checksum(address):
    body = address[2:]
    index = next(i for i, ch in enumerate(body) if ch.isalpha())
    flipped = "0x" + body[:index] + body[index].swapcase() + body[index + 1 :]
    assert not is_evm_address(flipped)
    assert find_references(f"to {flipped} please") == []


@pytest.mark.parametrize("address", ALL)
def test_vectors_found_in_text_and_normalised_to_lowercase(address):
    text = f"我的地址是{address}，请查一下"
    (ref,) = find_references(text)
    assert ref.kind == "address"
    assert ref.value == address.lower()
    assert ref.chains == ("evm",)
    assert ref.network is None
    assert text[slice(*ref.span)] == address


def test_invalid_shapes():
    assert not is_evm_address("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe")  # 39 hex
    assert not is_evm_address("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00")  # no 0x
    assert not is_evm_address("0xZaAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
    assert is_evm_address("0x" + "0" * 40)  # digits only: no case to check
    with pytest.raises(ValueError):
        to_checksum_address("0x1234")


def test_forty_hex_inside_longer_hex_is_not_an_address():
    assert find_references("0x" + "ab" * 21) == []
    assert find_references("0x" + "de709f2102306220921060314715629080e2fb77" + "g") == []
