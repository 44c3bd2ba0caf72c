"""The diagnosis vocabulary (pure data)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Verdict(StrEnum):
    NOT_FOUND = "not_found"
    PENDING = "pending"
    FAILED = "failed"
    SUCCEEDED = "succeeded"
    ADDRESS = "address"
    UNAVAILABLE = "unavailable"


class Reason(StrEnum):
    # not found
    NOT_FOUND = "not_found"  # never broadcast, expired, wrong chain or wrong hash
    FOUND_ON_OTHER_CHAIN = "found_on_other_chain"
    # pending
    WAITING = "waiting"
    NONCE_GAP = "nonce_gap"
    UNDERPRICED = "underpriced"
    EXPIRED = "expired"  # TRON: not in a block and past its expiration: it never will be
    # failed
    OUT_OF_ENERGY = "out_of_energy"
    REVERT = "revert"
    OUT_OF_TIME = "out_of_time"
    BANDWIDTH_ERROR = "bandwidth_error"
    OUT_OF_GAS = "out_of_gas"
    FAILED_OTHER = "failed_other"
    # succeeded
    CONFIRMING = "confirming"
    FINAL = "final"
    # addresses
    ACTIVE = "active"
    INACTIVE = "inactive"  # TRON: never activated
    UNUSED = "unused"  # EVM / Bitcoin: no history and no balance
    # look-up problems
    NOT_CONFIGURED = "not_configured"
    NODE_UNAVAILABLE = "node_unavailable"
    PRIVATE_KEY_SUSPECTED = "private_key_suspected"


class Alert(StrEnum):
    AMOUNT_DIFFERS = "amount_differs"
    RECIPIENT_DIFFERS = "recipient_differs"
    RECIPIENT_LOOKALIKE = "recipient_lookalike"
    TRANSFER_TO_TOKEN_CONTRACT = "transfer_to_token_contract"  # noqa: S105 - not a secret
    WRONG_NETWORK = "wrong_network"
    APPROVAL_NOT_TRANSFER = "approval_not_transfer"
    FOREIGN_PERMISSION_KEYS = "foreign_permission_keys"
    NO_ENERGY = "no_energy"


@dataclass(frozen=True)
class Expectations:
    """What the customer said, to check the chain's answer against."""

    addresses: tuple[str, ...] = ()  # addresses quoted in the conversation
    network_hint: str | None = None  # "tron", "evm:1", "evm:56", "btc"... from words like TRC20
    amounts: tuple[tuple[str, str], ...] = ()  # ("100", "USDT") as the customer wrote them


@dataclass(frozen=True)
class Diagnosis:
    subject: str  # the tx hash or address
    kind: str  # "tx" | "address"
    chain: str  # "tron", "evm:1", "btc" or "" when unknown
    verdict: Verdict
    reason: Reason
    warnings: tuple[Alert, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)  # numbers and names for the texts
    facts: dict[str, Any] = field(default_factory=dict)  # the node's facts, for agents

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["verdict"] = str(self.verdict)
        data["reason"] = str(self.reason)
        data["warnings"] = [str(w) for w in self.warnings]
        return data
