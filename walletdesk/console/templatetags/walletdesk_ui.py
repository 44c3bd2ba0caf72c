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
