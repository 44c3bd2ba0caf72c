"""Behaviour of the secret redactor on hand-picked cases."""

import dataclasses
import hashlib
import json
import unicodedata

import base58
import pytest
from Crypto.PublicKey import ECC
from mnemonic import Mnemonic

from walletdesk.guard.redaction import MARKERS, Finding, Redaction, SecretKind, redact

KEY = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
TXID = "edc24dac9db56870aafb29ba75101973908e9f8b9d770c12b66b1e1f1cc7eedd"
ENGLISH_12 = (
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"
)


def kinds(text: str, **kwargs) -> list[str]:
    return [finding.kind.value for finding in redact(text, **kwargs).findings]


def b58check(payload: bytes) -> str:
    return base58.b58encode(
        payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    ).decode()


def phrase(language: str, size: int = 16, byte: int = 7) -> list[str]:
    """A fixed, random-looking phrase (entropy from a hash, as a wallet's RNG would give)."""
    entropy = hashlib.sha256(f"{language}/{byte}".encode()).digest()[:size]
    words = Mnemonic(language).to_mnemonic(entropy)
    return words.replace("\u3000", " ").split(" ")


# ---------------------------------------------------------------- results


def test_findings_hold_no_secret_only_kind_certainty_and_marker_span():
    assert [f.name for f in dataclasses.fields(Finding)] == ["kind", "certain", "start", "end"]
    result = redact(f"my words: {ENGLISH_12} and key {KEY}")
    assert result.text == "my words: [redacted: recovery phrase] and key [redacted: private key]"
    phrase_finding, key_finding = result.findings
    assert (phrase_finding.kind, phrase_finding.certain) == (SecretKind.RECOVERY_PHRASE, True)
    assert phrase_finding.kind == "recovery_phrase"
    assert result.text[phrase_finding.start : phrase_finding.end] == MARKERS[phrase_finding.kind]
    assert key_finding.span == (key_finding.start, key_finding.end)
    assert result.text[key_finding.start : key_finding.end] == "[redacted: private key]"
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.text = "x"  # type: ignore[misc]


def test_clean_text_comes_back_unchanged():
    text = "Hello, where is my USDT? Ticket WD-2026-004512"
    assert redact(text) == Redaction(text, ())


def test_every_kind_has_a_marker():
    assert set(MARKERS) == set(SecretKind)
    assert all(marker.startswith("[redacted: ") for marker in MARKERS.values())


# ---------------------------------------------------------------- 64-hex values


@pytest.mark.parametrize(
    "text",
    [
        f"TXID: {TXID}",
        f"tx hash 0x{TXID}",
        f"交易哈希：{TXID}",
        f"哈希 {TXID}",
        f"交易ID {TXID}",
        f"the transaction {TXID} failed",
        f"https://tronscan.org/#/transaction/{TXID}",
        f"https://etherscan.io/tx/0x{TXID}",
        f"https://bscscan.com/tx/0x{TXID}",
        f"https://mempool.space/tx/{TXID}",
        f"txid: {TXID}, {KEY} and {TXID[::-1]}",
    ],
)
def test_labelled_transaction_hashes_stay(text):
    assert redact(text).text == text


@pytest.mark.parametrize(
    ("text", "certain"),
    [
        (f"{KEY}", False),
        (f"0x{KEY}", False),
        (f"here you go {KEY.upper()} thanks", False),
        (f"private key: 0x{KEY}", True),
        (f"私钥是{KEY}", True),
        (f"交易失败了，私钥 {KEY}", True),
    ],
)
def test_other_64_hex_values_are_redacted_as_private_keys(text, certain):
    result = redact(text)
    assert KEY not in result.text.lower()
    assert [(f.kind, f.certain) for f in result.findings] == [(SecretKind.PRIVATE_KEY, certain)]


def test_hash_is_tx_callback_decides_first():
    seen = []

    def is_tx(value: str) -> bool:
        seen.append(value)
        return value.endswith("eedd")

    assert redact(f"{TXID}", hash_is_tx=is_tx).text == TXID
    assert kinds(f"{KEY}", hash_is_tx=is_tx) == ["private_key"]
    assert redact(f"txid {KEY}", hash_is_tx=is_tx).findings == ()  # falls back to labels
    assert seen == [TXID, KEY, KEY]


def test_a_failing_callback_fails_closed():
    def broken(value: str) -> bool:
        raise RuntimeError("explorer down")

    assert kinds(TXID, hash_is_tx=broken) == ["private_key"]


def test_addresses_tickets_and_orders_stay():
    text = (
        "From TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t to 0x52908400098527886E0F7030069857D2E4169EE7, "
        "btc 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa / bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq, "
        "ticket WD-2026-004512, order 2026051812345678, 订单号 ORD-884512, fee 0.5 TRX"
    )
    assert redact(text).text == text


# ---------------------------------------------------------------- base58 keys


def test_wif_keys_are_redacted_when_the_checksum_holds():
    wif = b58check(b"\x80" + bytes(range(1, 33)) + b"\x01")
    testnet = b58check(b"\xef" + bytes(range(2, 34)))
    assert kinds(f"electrum key {wif}") == ["wif_key"]
    assert kinds(testnet) == ["wif_key"]
    broken = wif[:-1] + ("a" if wif[-1] != "a" else "b")
    assert kinds(broken) == []


def test_extended_private_keys_are_redacted_even_with_a_typo():
    xprv = b58check(
        bytes.fromhex("0488ade4") + bytes(9) + bytes(range(32)) + b"\x00" + bytes(range(5, 37))
    )
    assert xprv.startswith("xprv")
    result = redact(f"Account extended key {xprv}")
    assert result.text == "Account extended key [redacted: extended private key]"
    assert result.findings[0].certain
    typo = xprv[:50] + ("z" if xprv[50] != "z" else "y") + xprv[51:]
    assert [(f.kind, f.certain) for f in redact(typo).findings] == [
        (SecretKind.EXTENDED_PRIVATE_KEY, False)
    ]


def _solana_keypair() -> bytes:
    seed = bytes(range(100, 132))
    return seed + ECC.construct(curve="Ed25519", seed=seed).public_key().export_key(format="raw")


def test_solana_keypairs_are_redacted_but_signatures_stay():
    raw = _solana_keypair()
    encoded = base58.b58encode(raw).decode()
    assert kinds(f"phantom key {encoded}") == ["solana_secret_key"]
    array = json.dumps(list(raw))
    result = redact(f"id.json: {array} ok")
    assert result.text == "id.json: [redacted: Solana secret key] ok"
    signature = base58.b58encode(bytes(range(64))).decode()
    text = f"https://solscan.io/tx/{signature} and {signature}"
    assert redact(text).text == text


def test_keystore_json_is_replaced_whole():
    keystore = {
        "address": "008aeeda4d805471df9b2a5b0f38a0c3bcba786b",
        "Crypto": {
            "cipher": "aes-128-ctr",
            "ciphertext": KEY,
            "cipherparams": {"iv": "83dbcc02d8ccb40e466191a123791e0e"},
            "kdf": "scrypt",
            "kdfparams": {"dklen": 32, "n": 262144, "r": 1, "p": 8, "salt": TXID},
            "mac": "2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097",
        },
        "id": "3198bc9c-6672-5ab3-d995-4942343ae5b6",
        "version": 3,
    }
    for dumped in (json.dumps(keystore), json.dumps(keystore, indent=2)):
        result = redact(f"my keystore {dumped} password lost")
        assert result.text == "my keystore [redacted: keystore file] password lost"
        assert result.findings[0].certain
    truncated = json.dumps(keystore)[:-30]
    assert redact(f"pasted: {truncated}").text == "pasted: [redacted: keystore file]"


# ---------------------------------------------------------------- recovery phrases


@pytest.mark.parametrize(
    "template",
    [
        "{}",
        "seed: {}",
        "Please help, my words are {} and nothing works",
    ],
)
@pytest.mark.parametrize(
    "style",
    ["space", "newline", "numbered", "paren", "circled", "comma", "dash", "slash", "upper"],
)
def test_english_phrase_formats(template, style):
    words = phrase("english")
    formatted = {
        "space": " ".join(words),
        "newline": "\n".join(words),
        "numbered": " ".join(f"{i}. {w}" for i, w in enumerate(words, 1)),
        "paren": "".join(f"{i}){w} " for i, w in enumerate(words, 1)),
        "circled": "".join(chr(0x2460 + i) + w for i, w in enumerate(words)),
        "comma": ",".join(words),
        "dash": " - ".join(words),
        "slash": "/".join(words),
        "upper": " ".join(w.upper() if i % 2 else w.capitalize() for i, w in enumerate(words)),
    }[style]
    result = redact(template.format(formatted))
    assert [(f.kind, f.certain) for f in result.findings] == [(SecretKind.RECOVERY_PHRASE, True)]
    assert words[5] not in result.text.lower()


def test_eleven_words_without_checksum_are_still_redacted_but_uncertain():
    words = phrase("english")[:11]
    result = redact("words: " + " ".join(words))
    assert [(f.kind, f.certain) for f in result.findings] == [(SecretKind.RECOVERY_PHRASE, False)]
    assert kinds("words: " + " ".join(words[:10])) == []


@pytest.mark.parametrize("language", sorted(Mnemonic.list_languages()))
def test_every_wordlist_language(language):
    words = phrase(language, 32, 11)
    assert kinds("\n".join(words)) == ["recovery_phrase"]
    nfc = [unicodedata.normalize("NFC", word) for word in words]
    assert kinds(" ".join(nfc)) == ["recovery_phrase"]


def test_accents_may_be_left_out():
    words = phrase("spanish", 16, 200)
    plain = [
        "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
        for w in words
    ]
    assert redact(" ".join(plain)).findings[0].certain


def test_japanese_with_ideographic_or_plain_spaces():
    words = phrase("japanese", 24, 3)
    assert redact("\u3000".join(words)).findings[0].certain
    assert redact(" ".join(unicodedata.normalize("NFC", w) for w in words)).findings[0].certain


@pytest.mark.parametrize("language", ["chinese_simplified", "chinese_traditional"])
@pytest.mark.parametrize(
    "template",
    [
        "{spaced}",
        "助记词：{joined}",
        "我的助记词是{joined}请帮我恢复钱包",
        "你好，\n{joined}\n谢谢",
        "1.{numbered}",
    ],
)
def test_chinese_phrases_with_and_without_spaces(language, template):
    words = phrase(language, 16, 9)
    text = template.format(
        spaced=" ".join(words),
        joined="".join(words),
        numbered=" ".join(f"{i}.{w}" for i, w in enumerate(words, 1))[2:],
    )
    result = redact(text)
    assert [(f.kind, f.certain) for f in result.findings] == [(SecretKind.RECOVERY_PHRASE, True)]
    assert "".join(words[3:6]) not in result.text.replace(" ", "")


@pytest.mark.parametrize(
    "text",
    [
        "I can not find my account after the update today and the balance is zero",
        "Please help me, I have been trying all morning and nothing seems to work on my phone.",
        "冷錢包跟熱錢包要怎麼搭配",
        "请勿向任何人透露助记词，客服不会索要您的助记词或私钥",
        "只有在已备份助记词的情况下才能重装后导入恢复",
        "助记词泄露了，改个密码行不行？",
        "把12个单词给了所谓的客服，现在还存在相册里还同步到了云端，有风险吗",
        "我转了100 USDT到交易所，一直没到账，麻烦帮我看看是什么原因",
    ],
)
def test_ordinary_messages_are_left_alone(text):
    assert redact(text).findings == ()


def test_unseparated_chinese_without_checksum_needs_a_label():
    words = phrase("chinese_simplified", 16, 9)[:11]
    assert kinds("".join(words)) == []
    assert kinds("助记词：" + "".join(words)) == ["recovery_phrase"]
