"""Entities: chain references, ticket numbers, amounts, tokens, networks, app version."""

from walletdesk.assistant.entities import Amount, extract

TX = "943d176daf4637f941faf3f136fe3d61832ad4913614df74f006625e5b5cea30"
TRON_ADDRESS = "TRbG1FeoYCcgz5sJt8Vht3ooPesxKQuWyX"


def test_hashes_and_addresses_come_from_the_chain_recogniser():
    found = extract(f"哈希是 {TX}，收款地址 {TRON_ADDRESS}")
    assert [h["value"] for h in found.tx_hashes] == [TX]
    assert found.addresses == [{"value": TRON_ADDRESS, "chains": ["tron"]}]


def test_digits_inside_a_hash_are_not_amounts():
    found = extract(f"tx {TX} 0xdAC17F958D2ee523a2206206994597C13D831ec7")
    assert found.amounts == []


def test_ticket_numbers_are_found_in_any_case():
    assert extract("any news on wd-2026-004512?").tickets == ["WD-2026-004512"]
    assert extract("any news on XY-2026-004512?").tickets == []


def test_amounts_with_their_token_in_both_languages():
    assert extract("我转了500USDT").amounts == [Amount("500", "USDT")]
    assert extract("sent 1,200.5 usdt and 3 TRX").amounts == [
        Amount("1200.5", "USDT"),
        Amount("3", "TRX"),
    ]
    assert extract("充了100U").amounts == [Amount("100", "USDT")]


def test_networks_and_tokens():
    found = extract("USDT on BEP-20 instead of TRC20, also some ETH on 以太坊")
    assert found.networks == ["TRC20", "BEP20", "Ethereum"]
    assert found.tokens == ["USDT", "ETH"]


def test_app_version():
    assert extract("app version 4.2.1 on android").app_version == "4.2.1"
    assert extract("版本号：v5.10 闪退").app_version == "5.10"
    assert extract("I sent 4.2 TRX").app_version == ""


def test_nothing_found_is_empty():
    assert extract("hello").is_empty
