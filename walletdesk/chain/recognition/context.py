"""What the text around a match says: tx labels before it, and block-explorer URLs.

Both checks only run for a match that already passed the cheap shape test, so a message
without candidates never pays for them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

from .types import BTC, EVM, TRON, Network

# --- labels ---------------------------------------------------------------------------

_TX_LABEL = (
    r"(?<![a-z])(?:txn?\s*hash(?:es)?|txids?|txn?\s*ids?|txns?|txs?|"
    r"transactions?(?:\s*(?:hash(?:es)?|ids?))?|hash(?:es)?)(?![a-z])"
    r"|交易\s*(?:哈希值?|hash|id|号|编号|单号|散列)|订单哈希|转账哈希|哈希值?"
)
_KEY_LABEL = (
    r"(?<![a-z])(?:private\s*key|priv\s*key|privkey|secret|seed|mnemonic|keystore|key|"
    r"password|passphrase|pwd)(?![a-z])"
    r"|私钥|密钥|秘钥|助记词|密码"
)
_LABEL_RE = re.compile(f"(?P<tx>{_TX_LABEL})|(?P<key>{_KEY_LABEL})", re.IGNORECASE)
# Something that ends the sentence or starts a new item between label and value.
# Full-width punctuation (exclamation, question mark, semicolon, comma) as \u escapes.
_BREAK_RE = re.compile(r"[。\uff01\uff1f!?;\uff1b\n\r,\uff0c、]|\.(?:\s|$)")
# Separators allowed between two hashes of one labelled list ("txid: a, b 和 c").
_SEP = r"[\s,\uff0c、;\uff1b/|&]*"
_LIST_GAP_RE = re.compile(f"{_SEP}(?:and|和|及|以及)?{_SEP}", re.IGNORECASE)

LABEL_WINDOW = 48
MAX_LABEL_GAP = 32


class LabelContext(NamedTuple):
    tx_label: bool
    key_label: bool


def label_before(text: str, start: int) -> LabelContext:
    """Is the nearest label before ``start`` a tx label (or a key label), close enough?"""
    window = text[max(0, start - LABEL_WINDOW) : start]
    last = None
    for last in _LABEL_RE.finditer(window):  # noqa: B007 - we want the last one
        pass
    if last is None:
        return LabelContext(False, False)
    gap = window[last.end() :]
    if len(gap) > MAX_LABEL_GAP or _BREAK_RE.search(gap):
        return LabelContext(False, False)
    return LabelContext(last.lastgroup == "tx", last.lastgroup == "key")


def continues_list(text: str, prev_end: int, start: int) -> bool:
    """Only list separators between the previous match and this one."""
    return _LIST_GAP_RE.fullmatch(text, prev_end, start) is not None


# --- block-explorer URLs --------------------------------------------------------------

_URL_RE = re.compile(
    r"(?<![a-z0-9.-])(?:https?://)?(?P<host>(?:[a-z0-9-]+\.)+[a-z]{2,})(?::\d+)?"
    r"(?P<path>/[!-~]*)",
    re.IGNORECASE,
)
_TX_PATH_RE = re.compile(
    r"(?:^|[/#?&])(?:tx|txs|txn|transaction|transactions|txid|hash)[/=]$"
    r"|/transactions/[a-z]+/$",
    re.IGNORECASE,
)
_TESTNET_PATH_RE = re.compile(r"^/(?:testnet4?|signet)(?:/|$)|^/[a-z-]+/testnet/", re.IGNORECASE)

# host -> (chain, network)
_EXPLORERS: dict[str, tuple[str, Network]] = {
    "tronscan.org": (TRON, "mainnet"),
    "tronscan.io": (TRON, "mainnet"),
    "nile.tronscan.org": (TRON, "testnet"),
    "shasta.tronscan.org": (TRON, "testnet"),
    "etherscan.io": (EVM, "mainnet"),
    "bscscan.com": (EVM, "mainnet"),
    "polygonscan.com": (EVM, "mainnet"),
    "arbiscan.io": (EVM, "mainnet"),
    "basescan.org": (EVM, "mainnet"),
    "optimistic.etherscan.io": (EVM, "mainnet"),
    "snowtrace.io": (EVM, "mainnet"),
    "sepolia.etherscan.io": (EVM, "testnet"),
    "holesky.etherscan.io": (EVM, "testnet"),
    "hoodi.etherscan.io": (EVM, "testnet"),
    "testnet.bscscan.com": (EVM, "testnet"),
    "amoy.polygonscan.com": (EVM, "testnet"),
    "sepolia.arbiscan.io": (EVM, "testnet"),
    "sepolia.basescan.org": (EVM, "testnet"),
    "mempool.space": (BTC, "mainnet"),
    "blockstream.info": (BTC, "mainnet"),
    "btcscan.org": (BTC, "mainnet"),
}
# Multi-chain explorers name the chain in the first path segment.
_MULTICHAIN_HOSTS = frozenset({"blockchair.com", "blockchain.com", "oklink.com"})
_PATH_CHAINS: dict[str, str] = {
    "bitcoin": BTC,
    "btc": BTC,
    "tron": TRON,
    "trx": TRON,
    "ethereum": EVM,
    "eth": EVM,
    "bnb": EVM,
    "bsc": EVM,
    "polygon": EVM,
    "arbitrum": EVM,
    "arbitrum-one": EVM,
    "base": EVM,
    "optimism": EVM,
}


class UrlContext(NamedTuple):
    host: str
    chain: str | None
    network: Network | None
    tx_path: bool


class UrlIndex:
    """The URLs of one text, found once and looked up per match."""

    __slots__ = ("_path_starts", "_urls")

    def __init__(self, text: str) -> None:
        self._urls = list(_URL_RE.finditer(text)) if "/" in text else []
        self._path_starts = [url.start("path") for url in self._urls]

    def around(self, text: str, start: int, end: int) -> UrlContext | None:
        """The explorer URL whose path contains ``text[start:end]``, if any."""
        index = bisect_left(self._path_starts, start) - 1
        if index < 0:
            return None
        url = self._urls[index]
        if end > url.end():
            return None
        path_start = self._path_starts[index]
        return _describe(url.group("host").lower(), text[path_start:start])


def _describe(host: str, path_before: str) -> UrlContext:
    host = host.removeprefix("www.")
    chain: str | None = None
    network: Network | None = None
    known = _EXPLORERS.get(host) or _EXPLORERS.get(host.partition(".")[2])
    if known is not None:
        chain, network = known
    elif host in _MULTICHAIN_HOSTS:
        segments = [s for s in path_before.lower().split("/") if s]
        chain = next((_PATH_CHAINS[s] for s in segments if s in _PATH_CHAINS), None)
        network = "mainnet" if chain else None
    if chain is not None and _TESTNET_PATH_RE.search(path_before):
        network = "testnet"
    return UrlContext(host, chain, network, _TX_PATH_RE.search(path_before) is not None)
