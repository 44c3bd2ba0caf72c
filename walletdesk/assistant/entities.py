"""Entities in a customer message (pure): addresses and transaction hashes (the chain's
recogniser), ticket numbers, amounts with their token, token symbols, networks, app version."""

import re
from dataclasses import asdict, dataclass, field

from walletdesk.chain.address import Reference, find_references
from walletdesk.tickets.numbering import find_numbers

TOKENS = [
    "USDT",
    "USDC",
    "TUSD",
    "USDD",
    "DAI",
    "TRX",
    "ETH",
    "BNB",
    "BTC",
    "MATIC",
    "POL",
    "SOL",
    "TON",
    "BTT",
    "JST",
    "SUN",
    "WIN",
    "NFT",
    "SHIB",
    "DOGE",
]
TOKEN_ALIASES = {"泰达币": "USDT", "波场币": "TRX", "以太币": "ETH", "比特币": "BTC"}
NETWORKS = {
    "TRC20": r"trc[-\s]?20|trc[-\s]?10",
    "ERC20": r"erc[-\s]?20",
    "BEP20": r"bep[-\s]?20|bsc|币安智能链|币安链|bnb\s?smart\s?chain|bnb\s?chain",
    "TRON": r"tron|波场",
    "Ethereum": r"ethereum|以太坊",
    "Polygon": r"polygon|matic",
    "Arbitrum": r"arbitrum",
    "Bitcoin": r"bitcoin|比特币网络|btc\s?network",
}
NETWORK_RES = {
    name: re.compile(rf"(?<![a-z0-9])(?:{rx})(?![a-z0-9])", re.I) for name, rx in NETWORKS.items()
}
_TOKEN_RX = "|".join(TOKENS)
AMOUNT_RE = re.compile(
    rf"(?<![0-9A-Za-z.])(\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.(\d+))?\s*(?:个|枚)?\s*({_TOKEN_RX}|U)(?![a-z])",
    re.I,
)
TOKEN_RE = re.compile(rf"(?<![a-z])({_TOKEN_RX})(?![a-z])", re.I)
VERSION_RE = re.compile(
    r"(?:version|ver\.?|版本号?|app|v)\s*[:：]?\s*v?(\d{1,2}\.\d{1,3}(?:\.\d{1,4}){0,2})(?![\d.])",
    re.I,
)


@dataclass(frozen=True)
class Amount:
    value: str
    token: str


@dataclass
class Entities:
    addresses: list[dict] = field(default_factory=list)  # {"value", "chains"}
    tx_hashes: list[dict] = field(default_factory=list)  # {"value", "chains"}
    tickets: list[str] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)
    networks: list[str] = field(default_factory=list)
    app_version: str = ""

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def is_empty(self) -> bool:
        return not any(self.as_dict().values())


def _masked(text: str, refs: list[Reference]) -> str:
    """Blank out addresses and hashes so their digits are not read as amounts."""
    for ref in refs:
        start, end = ref.span
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _amounts(text: str) -> list[Amount]:
    found = []
    for match in AMOUNT_RE.finditer(text):
        number = match.group(1).replace(",", "")
        value = f"{number}.{match.group(2)}" if match.group(2) else number
        symbol = match.group(3).upper()
        found.append(Amount(value=value, token="USDT" if symbol == "U" else symbol))
    return found


def _unique(values) -> list:
    return list(dict.fromkeys(values))


def _ref(ref: Reference) -> dict:
    return {"value": ref.value, "chains": list(ref.chains)}


def extract(text: str, *, ticket_prefix: str = "WD") -> Entities:
    refs = find_references(text)
    plain = _masked(text, refs)
    tokens = [m.group(1).upper() for m in TOKEN_RE.finditer(plain)]
    tokens += [symbol for alias, symbol in TOKEN_ALIASES.items() if alias in plain]
    amounts = _amounts(plain)
    version = VERSION_RE.search(plain)
    return Entities(
        addresses=[_ref(r) for r in refs if r.kind == "address"],
        tx_hashes=[_ref(r) for r in refs if r.kind != "address"],
        tickets=_unique(find_numbers(plain, ticket_prefix)),
        amounts=_unique(amounts),
        tokens=_unique(tokens + [a.token for a in amounts]),
        networks=[name for name, rx in NETWORK_RES.items() if rx.search(plain)],
        app_version=version.group(1) if version else "",
    )
