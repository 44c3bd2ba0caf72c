"""Template helpers shared by the console and the portal."""

from django import template

from walletdesk.console.labels import label as label_of

register = template.Library()


@register.filter
def label(value: object, kind: str) -> str:
    """{{ ticket.status|label:"status" }} -> the translated label."""
    return label_of(kind, value)


@register.filter
def get(mapping: dict, key: str) -> object:
    return mapping.get(key) if mapping else None


@register.filter
def isoformat(value) -> str:
    return value.isoformat() if value else ""


@register.filter
def urlencode_params(params: dict) -> str:
    from django.utils.http import urlencode

    return urlencode(params or {})


@register.filter
def masked_any(identities: list[dict]) -> bool:
    """Whether any identity row (guard.masking.identities_shown) is shown masked."""
    return any(i.get("masked") for i in identities or ())


@register.filter
def countdown(due, at) -> str:
    """ "2h 5m", "−3m 10s": time left until `due`, as ui.js writes it when it takes over (and
    a tenth of the cost of `timeuntil`, which a queue page called once per row)."""
    if not due or not at:
        return ""
    seconds = round((due - at).total_seconds())
    sign, s = ("−" if seconds < 0 else ""), abs(seconds)
    d, h, m = s // 86400, s % 86400 // 3600, s % 3600 // 60
    if d:
        return f"{sign}{d}d {h}h"
    return f"{sign}{h}h {m}m" if h else f"{sign}{m}m {s % 60}s"
