"""Detectors for key material: raw hex keys, WIF, extended keys, Solana keys, keystores."""

import hashlib
import json
import re
from collections.abc import Callable, Iterator

import base58
from Crypto.PublicKey import ECC

from ._model import Hit, SecretKind

B58 = "1-9A-HJ-NP-Za-km-z"
HEX_RE = re.compile(r"(?<![0-9A-Za-z])(?:0[xX])?[0-9a-fA-F]{64}(?![0-9A-Za-z])")
B58_RE = re.compile(rf"(?<![{B58}])[{B58}]{{50,}}")
BYTE_ARRAY_RE = re.compile(r"\[\s*\d{1,3}(?:\s*,\s*\d{1,3}){63}\s*,?\s*\]")

CONTEXT_CHARS = 32
TX_LABEL_RE = re.compile(
    r"hash|txid|tx\s*id|\btxn?\b|tx(?=[\s:=#\uff1a])|transaction|transfer\s*id|[a-z]*scan(?![a-z])"
    r"|explorer|mempool|交易|哈希|转账记录|轉帳記錄|浏览器|瀏覽器",
    re.IGNORECASE,
)
KEY_LABEL_RE = re.compile(
    r"private|priv\s*key|privkey|secret|\bkey\b|\bpk\b|私钥|私鑰|密钥|密鑰|秘钥|秘鑰",
    re.IGNORECASE,
)
EXPLORER_RE = re.compile(
    r"(?:/tx/|/txs/|/transaction/|/transactions/|[?&](?:tx|txid|hash)=)$", re.IGNORECASE
)
# Between two hashes of one list ("txid: A, B and C")
LIST_GAP_RE = re.compile(
    r"[\s,;/|\u3001\uff0c\uff1b]*(?:and|or|\u548c|\u53ca|\u6216)?[\s,;/|\u3001\uff0c\uff1b]*",
    re.IGNORECASE,
)

WIF_VERSIONS = (0x80, 0xEF)
XPRV_PREFIXES = ("xprv", "yprv", "zprv", "tprv", "uprv", "vprv", "Yprv", "Zprv", "Uprv", "Vprv")

TxCheck = Callable[[str], bool]


def _label(context: str) -> str | None:
    """'tx' or 'key' for the label nearest to the end of the context, else None."""
    if EXPLORER_RE.search(context):
        return "tx"
    best: tuple[int, str] | None = None
    for regex, label in ((TX_LABEL_RE, "tx"), (KEY_LABEL_RE, "key")):
        for match in regex.finditer(context):
            if best is None or match.end() >= best[0]:
                best = (match.end(), label)
    return None if best is None else best[1]


def _callback_says_tx(hash_is_tx: TxCheck | None, value: str) -> bool:
    if hash_is_tx is None:
        return False
    try:
        return bool(hash_is_tx(value))
    except Exception:
        return False  # fail closed: an unknown value is treated as a possible key


def _continues_list(text: str, previous_end: int, start: int) -> bool:
    """True when only list punctuation separates this value from the previous tx hash."""
    if previous_end < 0 or start - previous_end > 12:
        return False
    return LIST_GAP_RE.fullmatch(text, previous_end, start) is not None


def hex_hits(text: str, hash_is_tx: TxCheck | None, floor: Callable[[int], int]) -> list[Hit]:
    """64-hex values that are not marked as transaction hashes.

    `floor(pos)` gives the start of the context allowed for a value at pos (it keeps the
    context from reaching back across a redaction marker).
    """
    hits: list[Hit] = []
    last_tx_end = -1
    for match in HEX_RE.finditer(text):
        start, end = match.span()
        if _callback_says_tx(hash_is_tx, match.group()):
            last_tx_end = end
            continue
        context = text[max(floor(start), start - CONTEXT_CHARS) : start]
        label = _label(context)
        if label is None and _continues_list(text, last_tx_end, start):
            label = "tx"
        if label == "tx":
            last_tx_end = end
            continue
        last_tx_end = -1
        hits.append(Hit(start, end, SecretKind.PRIVATE_KEY, label == "key"))
    return hits


def _b58check(value: str) -> bytes | None:
    """The payload of a base58check string, or None when the checksum fails."""
    try:
        raw = base58.b58decode(value)
    except ValueError:
        return None
    payload, checksum = raw[:-4], raw[-4:]
    if len(raw) < 5 or hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4] != checksum:
        return None
    return payload


def _is_wif(value: str) -> bool:
    payload = _b58check(value)
    if payload is None or payload[0] not in WIF_VERSIONS:
        return False
    return len(payload) == 33 or (len(payload) == 34 and payload[-1] == 0x01)


def _is_ed25519_pair(raw: bytes) -> bool:
    """True when raw is seed(32) + the ed25519 public key of that seed (a Solana keypair)."""
    if len(raw) != 64:
        return False
    try:
        key = ECC.construct(curve="Ed25519", seed=raw[:32])
    except ValueError:
        return False
    return key.public_key().export_key(format="raw") == raw[32:]


def _base58_hit(value: str, start: int) -> Hit | None:
    end = start + len(value)
    if len(value) in (51, 52) and value[0] in "5KL9c" and _is_wif(value):
        return Hit(start, end, SecretKind.WIF_KEY, True)
    if len(value) in (111, 112) and value.startswith(XPRV_PREFIXES):
        payload = _b58check(value)
        return Hit(start, end, SecretKind.EXTENDED_PRIVATE_KEY, payload is not None)
    if 85 <= len(value) <= 90:
        # 64 bytes in base58 is a Solana keypair or a transaction signature; only a
        # verified key pair is redacted, so signatures pasted by customers survive.
        try:
            raw = base58.b58decode(value)
        except ValueError:
            return None
        if _is_ed25519_pair(raw):
            return Hit(start, end, SecretKind.SOLANA_SECRET_KEY, True)
    return None


def base58_hits(text: str) -> list[Hit]:
    hits = []
    for match in B58_RE.finditer(text):
        hit = _base58_hit(match.group(), match.start())
        if hit is not None:
            hits.append(hit)
    return hits


def byte_array_hits(text: str) -> list[Hit]:
    """JSON arrays of 64 bytes (Solana CLI keypair files)."""
    if "[" not in text or text.count(",") < 63:
        return []
    hits = []
    for match in BYTE_ARRAY_RE.finditer(text):
        numbers = [int(n) for n in re.findall(r"\d+", match.group())]
        if max(numbers) <= 255:
            certain = _is_ed25519_pair(bytes(numbers))
            hits.append(Hit(match.start(), match.end(), SecretKind.SOLANA_SECRET_KEY, certain))
    return hits


_JSON_STRUCTURE_RE = re.compile(r'[{}"\\]')


def _top_level_objects(text: str) -> Iterator[tuple[int, int]]:
    """Spans of brace-balanced {...} blocks (an unclosed block runs to the end of text).

    Quotes matter only inside a block, so prose with stray quotes does not confuse it.
    """
    depth, start, in_string, skip = 0, -1, False, -1
    for match in _JSON_STRUCTURE_RE.finditer(text):
        pos, ch = match.start(), match.group()
        if pos == skip:
            continue
        if in_string:
            skip = pos + 1 if ch == "\\" else skip
            in_string = ch != '"'
        elif ch == '"':
            in_string = depth > 0
        elif ch == "{":
            start = pos if depth == 0 else start
            depth += 1
        elif ch == "}" and depth:
            depth -= 1
            if depth == 0:
                yield start, pos + 1
    if depth:
        yield start, len(text)


def _is_keystore(chunk: str) -> bool:
    try:
        data = json.loads(chunk)
    except ValueError:
        return False
    if not isinstance(data, dict):
        return False
    crypto = data.get("crypto", data.get("Crypto"))
    return isinstance(crypto, dict) and "ciphertext" in crypto and "kdf" in crypto


def keystore_hits(text: str) -> list[Hit]:
    """Keystore (v3) JSON objects: anything braced that holds a ciphertext and a kdf."""
    lowered = text.lower()
    if '"ciphertext"' not in lowered:
        return []
    hits = []
    for start, end in _top_level_objects(text):
        chunk = lowered[start:end]
        if '"ciphertext"' in chunk and ('"kdf"' in chunk or '"cipherparams"' in chunk):
            hits.append(Hit(start, end, SecretKind.KEYSTORE_JSON, _is_keystore(text[start:end])))
    return hits
