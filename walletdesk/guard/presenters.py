"""Plain dicts for the verification API and page, with both languages."""

from walletdesk.guard import texts
from walletdesk.guard.channels import VerifyResult
from walletdesk.guard.defang import defang


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


def link_flag_rows(flags: list[dict], language: str) -> list[dict]:
    """Stored link flags as the console lists them: one row per host (defanged), the verdict
    and short reasons ("lookalike of walletdesk", "blocklisted") in the agent's language."""
    rows: dict[str, dict] = {}
    for flag in flags:
        host = str(flag.get("host") or "") if isinstance(flag, dict) else ""
        if not host:
            continue
        row = rows.setdefault(host, {"domain": defang(host), "verdict": "", "reasons": []})
        if flag.get("verdict") == "blocked" or not row["verdict"]:
            row["verdict"] = str(flag.get("verdict") or "")
        name = flag.get("resembles") or texts.pick(texts.UNNAMED, language)
        for reason in flag.get("reasons", ()):
            if reason in texts.REASON_SHORT:
                label = texts.pick(texts.REASON_SHORT[reason], language).format(name=name)
                if label not in row["reasons"]:
                    row["reasons"].append(label)
    for row in rows.values():
        table = texts.VERDICT_SHORT.get(row["verdict"])
        row["verdict_label"] = texts.pick(table, language) if table else row["verdict"]
    return list(rows.values())
