"""What an agent notice says, from its kind and data, in the active language. Pure: no ORM.

Notices are stored as kind + data so that each agent reads them in their own language; the
English rendering is also kept on the row for the API and the admin.
"""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

TARGETS = {
    "first_response": lambda: pgettext("sla target", "first response"),
    "next_response": lambda: pgettext("sla target", "next response"),
    "resolution": lambda: pgettext("sla target", "resolution"),
}


def target_label(kind: str) -> str:
    label = TARGETS.get(kind)
    return label() if label else kind


def notice_text(kind: str, data: dict[str, Any]) -> str:
    render = _RENDER.get(kind)
    if render is None:
        return str(data.get("text", kind))
    return render(data)


def _sla_breach(data: dict[str, Any]) -> str:
    if "count" in data:
        count = int(data["count"])
        return ngettext(
            "%(count)d ticket breached its SLA just now.",
            "%(count)d tickets breached their SLA just now.",
            count,
        ) % {"count": count}
    return _("%(number)s breached its %(target)s target.") % {
        "number": data.get("number", ""),
        "target": target_label(str(data.get("target", ""))),
    }


def _sla_warning(data: dict[str, Any]) -> str:
    return _("%(number)s: the %(target)s target is due soon.") % {
        "number": data.get("number", ""),
        "target": target_label(str(data.get("target", ""))),
    }


def _low_score(data: dict[str, Any]) -> str:
    return _("%(number)s was rated %(score)s/5 and needs a supervisor's look.") % {
        "number": data.get("number", ""),
        "score": data.get("score", "?"),
    }


def _escalated(data: dict[str, Any]) -> str:
    values = {
        "number": data.get("number", ""),
        "team": data.get("team", ""),
        "by": data.get("by", ""),
        "reason": data.get("reason", ""),
    }
    if not values["by"]:
        return _("%(number)s was escalated to %(team)s: %(reason)s") % values
    return _("%(number)s was escalated to %(team)s by %(by)s: %(reason)s") % values


def _assigned(data: dict[str, Any]) -> str:
    return _("%(by)s assigned %(number)s to you.") % {
        "number": data.get("number", ""),
        "by": data.get("by", ""),
    }


_RENDER = {
    "sla_breach": _sla_breach,
    "sla_warning": _sla_warning,
    "low_csat": _low_score,
    "escalated": _escalated,
    "assigned": _assigned,
}
