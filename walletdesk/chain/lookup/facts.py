"""What a node told us, as plain data (no I/O): the input of the diagnosis rules."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Chain keys: "tron", "btc", and "evm:<chain id>" for EVM chains.
TRON = "tron"
BTC = "btc"


def evm_key(chain_id: int) -> str:
    return f"evm:{chain_id}"


@dataclass(frozen=True)
class TokenTransfer:
    """An ERC-20 / TRC-20 Transfer or Approval event (or the intent decoded from call data)."""

    token: str
    sender: str
    recipient: str
    amount: int
    kind: str = "transfer"  # "transfer" | "approval"
    symbol: str = ""
    decimals: int | None = None


@dataclass(frozen=True)
class TxFacts:
    chain: str
    txid: str
    found: bool
    in_block: bool = False
    block_number: int | None = None
    head_block: int | None = None
    final_block: int | None = None
    success: bool | None = None
    result: str = ""  # the node's own result code: SUCCESS, OUT_OF_ENERGY, REVERT, reverted...
    message: str = ""  # failure message or revert reason, decoded
    sender: str = ""
    recipient: str = ""  # the direct recipient (TRX/ETH) or the called contract
    value: int = 0  # native amount, smallest unit
    fee: int = 0  # native fee paid, smallest unit
    contract: str = ""  # the contract called, if any
    transfers: tuple[TokenTransfer, ...] = ()  # events emitted
    intended: TokenTransfer | None = None  # decoded transfer(...) call data
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def confirmations(self) -> int:
        if self.block_number is None or self.head_block is None:
            return 0
        return max(self.head_block - self.block_number + 1, 0)

    @property
    def final(self) -> bool:
        return (
            self.in_block
            and self.block_number is not None
            and self.final_block is not None
            and self.block_number <= self.final_block
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["confirmations"] = self.confirmations
        data["final"] = self.final
        return data


@dataclass(frozen=True)
class AddressFacts:
    chain: str
    address: str
    exists: bool  # TRON: activated; EVM/BTC: has any history or balance
    balance: int = 0
    is_contract: bool = False
    tx_count: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def tx_facts_from_dict(data: dict[str, Any]) -> TxFacts:
    data = {k: v for k, v in data.items() if k not in ("confirmations", "final")}
    data["transfers"] = tuple(TokenTransfer(**t) for t in data.get("transfers", ()))
    if data.get("intended"):
        data["intended"] = TokenTransfer(**data["intended"])
    return TxFacts(**data)


def address_facts_from_dict(data: dict[str, Any]) -> AddressFacts:
    return AddressFacts(**data)
