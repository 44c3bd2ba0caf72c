"""{% load kb_editor %}{% if request.agent|can_edit_kb %}: show the knowledge-base editor link."""

from django import template

from walletdesk.kb.permissions import can_edit

register = template.Library()


@register.filter
def can_edit_kb(agent) -> bool:
    return can_edit(agent) if agent else False
