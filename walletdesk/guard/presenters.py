"""Plain dicts for the verification API and page, with both languages."""

from walletdesk.guard import texts
from walletdesk.guard.channels import VerifyResult


def both(table: dict[str, str]) -> dict[str, str]:
    return {texts.EN: table[texts.EN], texts.ZH: table[texts.ZH]}


def verify_result(result: VerifyResult) -> dict:
    return {
        "kind": str(result.kind),
        "value": result.value,
        "status": str(result.status),
        "resembles": result.resembles,
        "reasons": list(result.reasons),
        "message": both(texts.VERIFY_STATUS[result.status]),
        "explanations": [both(texts.REASONS[r]) for r in result.reasons if r in texts.REASONS],
        "advice": both(texts.NEVER_ASK),
    }


def link_flag_reasons(flag: dict, language: str) -> list[str]:
    """Why a stored link flag (LinkFlag.as_dict()) was raised, for agents, in their language."""
    known = [r for r in flag.get("reasons", ()) if r in texts.REASONS]
    return [texts.pick(texts.REASONS[r], language) for r in known]
