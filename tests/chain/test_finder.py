"""find_references on realistic support messages: mixed languages, URLs, evidence rule."""

import pytest

from walletdesk.chain.address import Reference, find_references, recognize

USDT = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
EVM_ADDR = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
BTC_ADDR = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
HEX64 = "3f1b8a9c0d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a"
HEX64_B = "a" * 63 + "b"
# Hardhat's well-known first development private key (public test data).
DEV_KEY = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"


def only(text: str) -> Reference:
    refs = find_references(text)
    assert len(refs) == 1, refs
    return refs[0]


def kinds(text: str) -> list[tuple[str, str]]:
    return [(r.kind, r.value) for r in find_references(text)]


# --- mixed messages -----------------------------------------------------------------


def test_mixed_chinese_english_message_with_several_references():
    text = (
        f"您好，我从币安提USDT到{USDT}，交易哈希：{HEX64}，一直没到账。"
        f"Also my ETH address {EVM_ADDR} (BSC) and BTC {BTC_ADDR}. "
        "工单号 WD-2026-004512，电话 +86 138-0013-8000。"
    )
    refs = find_references(text)
    assert [(r.kind, r.chains) for r in refs] == [
        ("address", ("tron",)),
        ("tx", ("tron", "btc")),
        ("address", ("evm",)),
        ("address", ("btc",)),
    ]
    assert [text[slice(*r.span)] for r in refs] == [USDT, HEX64, EVM_ADDR, BTC_ADDR]
    assert refs[1].tx_evidence is True
    assert refs[2].value == EVM_ADDR.lower()
    assert refs[3].network == "mainnet"


def test_full_width_punctuation_and_brackets():
    text = f"地址（{USDT}）：请核实。哈希：{HEX64}。"
    refs = find_references(text)
    assert [r.value for r in refs] == [USDT, HEX64]
    assert refs[1].kind == "tx"


def test_english_message():
    text = f"Hi, I sent 50 USDT to {USDT} yesterday. The txid is {HEX64}. Please check!"
    assert kinds(text) == [("address", USDT), ("tx", HEX64)]


def test_spans_point_into_original_text_with_multibyte_characters():
    text = f"🙏请帮忙查一下交易ID{HEX64.upper()}谢谢"
    ref = only(text)
    assert text[slice(*ref.span)] == HEX64.upper()
    assert ref.value == HEX64  # normalised to lowercase
    assert ref.kind == "tx"


# --- explorer URLs ------------------------------------------------------------------


def test_tronscan_transaction_url():
    ref = only(f"看这里 https://tronscan.org/#/transaction/{HEX64} 谢谢")
    assert ref.kind == "tx"
    assert ref.tx_evidence
    assert ref.chains == ("tron",)
    assert ref.network == "mainnet"
    assert ref.explorer == "tronscan.org"


def test_tronscan_testnet_url():
    ref = only(f"nile: https://nile.tronscan.org/#/transaction/{HEX64}")
    assert (ref.chains, ref.network) == (("tron",), "testnet")


def test_etherscan_tx_url():
    tx = "0x" + HEX64
    ref = only(f"https://etherscan.io/tx/{tx}")
    assert (ref.kind, ref.value, ref.chains) == ("tx", tx, ("evm",))
    assert ref.tx_evidence
    assert ref.explorer == "etherscan.io"


def test_bscscan_address_url():
    text = f"我的钱包：https://bscscan.com/address/{EVM_ADDR}，余额不对"
    ref = only(text)
    assert (ref.kind, ref.value, ref.chains) == ("address", EVM_ADDR.lower(), ("evm",))
    assert ref.explorer == "bscscan.com"
    assert ref.network == "mainnet"


def test_mempool_space_tx_url():
    ref = only(f"See https://mempool.space/tx/{HEX64}.")
    assert (ref.kind, ref.chains, ref.network) == ("tx", ("btc",), "mainnet")


def test_mempool_space_testnet_url():
    ref = only(f"https://mempool.space/testnet4/tx/{HEX64}")
    assert (ref.chains, ref.network) == (("btc",), "testnet")


def test_mempool_address_url():
    ref = only(f"https://mempool.space/address/{BTC_ADDR}")
    assert (ref.kind, ref.chains, ref.explorer) == ("address", ("btc",), "mempool.space")


def test_url_without_scheme_and_unknown_explorer():
    ref = only(f"tronscan.io/#/transaction/{HEX64}")
    assert ref.chains == ("tron",)
    ref = only(f"https://example-explorer.net/tx/{HEX64}")
    assert (ref.kind, ref.chains, ref.explorer) == ("tx", ("tron", "btc"), None)


def test_blockchair_names_the_chain_in_the_path():
    ref = only(f"https://blockchair.com/bitcoin/transaction/{HEX64}")
    assert (ref.kind, ref.chains) == ("tx", ("btc",))


def test_hex64_in_non_tx_url_path_is_not_evidence():
    ref = only(f"https://example.com/files/{HEX64}")
    assert ref.kind == "hex64_unlabelled"


# --- the 64-hex evidence rule -------------------------------------------------------


@pytest.mark.parametrize(
    "prefix",
    [
        "交易哈希：",
        "交易哈希:",
        "交易ID：",
        "交易号 ",
        "订单哈希：",
        "哈希",
        "哈希值是",
        "txid: ",
        "TXID=",
        "tx id ",
        "tx hash: ",
        "Tx: ",
        "transaction ",
        "Transaction hash is ",
        "hash: ",
        "The transaction id of my withdrawal is ",
        "交易哈希（TXID）：",
    ],
)
def test_hex64_with_label_is_tx(prefix):
    ref = only(f"{prefix}{HEX64}")
    assert ref.kind == "tx"
    assert ref.tx_evidence is True
    assert ref.chains == ("tron", "btc")


@pytest.mark.parametrize(
    "text",
    [
        f"my key is {DEV_KEY}",
        f"私钥：{DEV_KEY}",
        f"{DEV_KEY}",
        f"这个是什么 {DEV_KEY}",
        f"transaction failed. here: {DEV_KEY}",  # label in an earlier sentence
        f"交易失败了，{DEV_KEY}",  # no label right before it
        f"tx hash of my private key {DEV_KEY}",  # the closest label is a key label
        f"the transaction hash that my wallet showed me yesterday afternoon {DEV_KEY}",
    ],
)
def test_hex64_without_evidence_is_unlabelled(text):
    ref = only(text)
    assert ref.kind == "hex64_unlabelled"
    assert ref.tx_evidence is False
    assert ref.chains == ()
    assert ref.value == DEV_KEY


def test_labelled_list_of_hashes():
    text = f"txids: {HEX64}, {HEX64_B} 和 {DEV_KEY}"
    assert [r.kind for r in find_references(text)] == ["tx", "tx", "tx"]


def test_list_inheritance_stops_at_sentence():
    text = f"txid: {HEX64}. My key: {DEV_KEY}"
    assert [r.kind for r in find_references(text)] == ["tx", "hex64_unlabelled"]


def test_0x_hex64_is_evm_tx_but_not_after_a_key_label():
    ref = only(f"hash 0x{HEX64}")
    assert (ref.kind, ref.chains, ref.tx_evidence) == ("tx", ("evm",), True)
    ref = only(f"please check 0x{HEX64}")
    assert (ref.kind, ref.chains, ref.tx_evidence) == ("tx", ("evm",), False)
    ref = only(f"private key: 0x{DEV_KEY}")
    assert (ref.kind, ref.value) == ("hex64_unlabelled", "0x" + DEV_KEY)


def test_recognize_single_values():
    assert recognize(f"  {USDT} ").span == (2, 36)
    assert recognize(HEX64).kind == "hex64_unlabelled"
    tx = recognize(HEX64, tx_context=True)
    assert (tx.kind, tx.chains, tx.tx_evidence) == ("tx", ("tron", "btc"), True)
    assert recognize("0x" + HEX64).kind == "tx"
    assert recognize("hello") is None
    assert recognize("") is None


# --- false positives ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "工单 WD-2026-004512 已处理",
        "订单号：202605091234567890123456，请查询",
        "Order ORD-20260509-ABCDEF-123456 shipped",
        "call me at +86 13800138000 or 13800138000138001380001380",
        "The quick brown fox jumps over the lazy dog; internationalization.",
        "Supercalifragilisticexpialidocious and Pneumonoultramicroscopic",
        "hash " + "ab" * 33,  # 66 hex: longer than a txid
        "txid " + "a" * 63,  # 63 hex
        "0x" + "ab" * 20 + "cd",  # 42 hex after 0x
        "41" + "ab" * 20 + "c",  # 43 hex starting with 41
        f"x{HEX64}",
        f"{HEX64}0",
        f"{USDT}9",
        "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u",  # bad checksum
        "1111111111111111111111111111111111",
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",  # bad bech32 checksum
        "",
        "短消息",
    ],
)
def test_no_false_positives(text):
    assert find_references(text) == []


def test_reference_is_frozen():
    ref = only(USDT)
    with pytest.raises(AttributeError):
        ref.value = "x"  # type: ignore[misc]


# --- performance smoke test (the real benchmark lives elsewhere) ---------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (f"交易ID{HEX64.upper()}谢谢", "tx"),
        (f"交易hash{HEX64}", "tx"),
        (f"TXID{HEX64}", "tx"),
        (f"私钥KEY{DEV_KEY}", "hex64_unlabelled"),
        (f"userid{DEV_KEY}", "hex64_unlabelled"),
    ],
)
def test_hash_glued_to_a_label_word(text, kind):
    ref = only(text)
    assert ref.kind == kind
    assert text[slice(*ref.span)].lower() in (HEX64, DEV_KEY)


def test_several_urls_and_values():
    text = (
        f"https://tronscan.org/#/address/{USDT} 转出 "
        f"https://tronscan.org/#/transaction/{HEX64} 以及 "
        f"https://mempool.space/tx/{HEX64_B} 还有 {DEV_KEY}"
    )
    refs = find_references(text)
    assert [(r.kind, r.chains, r.explorer) for r in refs] == [
        ("address", ("tron",), "tronscan.org"),
        ("tx", ("tron",), "tronscan.org"),
        ("tx", ("btc",), "mempool.space"),
        ("hex64_unlabelled", (), None),
    ]
