"""Pure rules that turn look-up facts into a diagnosis, and its plain-words explanation."""

from .checks import is_lookalike, network_hint, quoted_amounts
from .explain import agent_text, customer_text
from .rules import (
    amount_text,
    diagnose_address,
    diagnose_not_found_anywhere,
    diagnose_tx,
    diagnose_unavailable,
    found_elsewhere,
)
from .types import Alert, Diagnosis, Expectations, Reason, Verdict

__all__ = [
    "Alert",
    "Diagnosis",
    "Expectations",
    "Reason",
    "Verdict",
    "agent_text",
    "amount_text",
    "customer_text",
    "diagnose_address",
    "diagnose_not_found_anywhere",
    "diagnose_tx",
    "diagnose_unavailable",
    "found_elsewhere",
    "is_lookalike",
    "network_hint",
    "quoted_amounts",
]
