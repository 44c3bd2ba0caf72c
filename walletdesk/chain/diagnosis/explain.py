"""A diagnosis in plain words: customers in Chinese or English, agents in detail."""

from __future__ import annotations

from typing import Any

from walletdesk.chain.tokens import chain_name

from .texts import ALERTS, REASONS
from .types import Diagnosis, Verdict

LANGS = ("en", "zh-hans")


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def _values(diagnosis: Diagnosis, lang: str) -> _Blank:
    values = _Blank(diagnosis.details)
    values["chain_name"] = chain_name(diagnosis.chain) if diagnosis.chain else ""
    values["subject"] = diagnosis.subject
    values["nonce"] = diagnosis.details.get("nonce", "")
    chains = diagnosis.details.get("chains") or []
    values["chains"] = (", " if lang == "en" else "、").join(chain_name(c) for c in chains) or (
        "the networks we checked" if lang == "en" else "已查询的网络"
    )
    message = diagnosis.details.get("message")
    values["message_part"] = f": {message}" if message else ""
    if diagnosis.details.get("amount") and diagnosis.details.get("to"):
        template = (
            " ({amount} {token} from {from} to {to})"
            if lang == "en"
            else "（{amount} {token}，从 {from} 转到 {to}）"
        )
        values["transfer_part"] = template.format_map(values)
    asked = diagnosis.details.get("asked_chain")
    values["asked_part"] = f" ({chain_name(asked)})" if asked else ""
    keys = diagnosis.details.get("foreign_keys") or []
    values["foreign_keys"] = ", ".join(keys)
    return values


def _template(table: dict[str, dict[str, str]], key: str, chain: str, lang: str) -> str:
    family = chain.split(":", 1)[0]
    entry = table.get(f"{key}:{family}") or table.get(key) or {}
    return entry.get(lang) or entry.get("en", "")


def customer_text(diagnosis: Diagnosis, lang: str = "en") -> str:
    """What to tell the customer: what happened, why, and what to do."""
    lang = "zh-hans" if lang.lower().startswith("zh") else "en"
    values = _values(diagnosis, lang)
    parts = [_template(REASONS, str(diagnosis.reason), diagnosis.chain, lang).format_map(values)]
    for alert in diagnosis.warnings:
        parts.append(_template(ALERTS, str(alert), diagnosis.chain, lang).format_map(values))
    return "\n".join(part for part in parts if part)


_AGENT_KEYS = (
    "token",
    "amount",
    "from",
    "to",
    "token_contract",
    "fee",
    "native",
    "confirmations",
    "final",
    "energy_usage_total",
    "energy_fee_trx",
    "fee_limit_trx",
    "message",
    "nonce",
    "missing_nonces",
    "offered_gwei",
    "base_fee_gwei",
    "fee_rate",
    "needed_fee_rate",
    "balance",
    "energy_available",
    "bandwidth_available",
    "foreign_keys",
    "error",
)


def agent_text(diagnosis: Diagnosis) -> str:
    """The internal note: verdict, the facts behind it, and both customer texts."""
    where = chain_name(diagnosis.chain) if diagnosis.chain else "no chain"
    lines = [
        f"Chain diagnosis of {diagnosis.kind} {diagnosis.subject} on {where}: "
        f"{diagnosis.verdict} ({diagnosis.reason})"
    ]
    for key in _AGENT_KEYS:
        value = diagnosis.details.get(key)
        if value not in (None, "", [], {}):
            lines.append(f"- {key}: {value}")
    if diagnosis.warnings:
        lines.append("- warnings: " + ", ".join(str(w) for w in diagnosis.warnings))
    if diagnosis.verdict != Verdict.UNAVAILABLE:
        lines.append("")
        lines.append("EN: " + customer_text(diagnosis, "en"))
        lines.append("中文: " + customer_text(diagnosis, "zh-hans"))
    return "\n".join(lines)
