"""Ticket actions of the console: parse a posted form, call one ticket service, say what was done.

Each handler takes the ticket (already access-checked), the acting agent and the form data, and
returns a short message for the agent or raises a DomainError.
"""

from collections.abc import Callable, Mapping

from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from walletdesk.accounts.models import Agent, Team
from walletdesk.accounts.services import customer_segment_set
from walletdesk.console.labels import LABELS
from walletdesk.console.selectors import macro_for_agent
from walletdesk.console.services import macro_apply
from walletdesk.core.errors import InvalidInput, NotFound
from walletdesk.guard.defang import defang
from walletdesk.guard.reports import phishing_report_confirm
from walletdesk.kb import services as kb_services
from walletdesk.tickets import services
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.selectors import ticket_get_by_number_for_agent

Handler = Callable[..., str]
BODY_LIMIT = 20_000


def _text(data: Mapping, name: str, *, required: bool = True) -> str:
    value = (data.get(name) or "").strip()
    if required and not value:
        raise InvalidInput(_("Please write something first."))
    return value[:BODY_LIMIT]


def _choice(data: Mapping, name: str, kind: str) -> str | None:
    value = data.get(name) or None
    if value is not None and value not in LABELS[kind]:
        raise InvalidInput(_("That value is not allowed."))
    return value


def reply(*, ticket: Ticket, agent: Agent, data: Mapping) -> str:
    status, body = _choice(data, "status", "status"), _text(data, "body")
    raw = data.get("macro") or ""
    if not raw:
        services.reply_send(ticket=ticket, agent=agent, body=body, status=status)
        return _("Reply sent.")
    macro = macro_for_agent(agent=agent, macro_id=int(raw)) if raw.isdigit() else None
    if macro is None:
        raise InvalidInput(_("That macro is not available."))
    macro_apply(macro=macro, ticket=ticket, agent=agent, body=body, status=status)
    return _("Reply sent with the macro %(name)s.") % {"name": macro.name_for(get_language())}


def note(*, ticket: Ticket, agent: Agent, data: Mapping) -> str:
    services.note_add(ticket=ticket, agent=agent, body=_text(data, "body"))
    return _("Note added.")


def take(*, ticket: Ticket, agent: Agent, data: Mapping) -> str:
    services.ticket_assign(ticket=ticket, agent=agent, actor=agent)
    return _("Assigned to you.")


def assign(*, ticket: Ticket, agent: Agent, data: Mapping) -> str:
    raw = data.get("assignee") or ""
    target = None
    if raw:
        target = Agent.objects.filter(id=int(raw) if raw.isdigit() else 0).first()
        if target is None:
            raise NotFound(_("No such agent."))
    services.ticket_assign(ticket=ticket, agent=target, actor=agent)
    return _("Assignee changed.")


def escalate(*, ticket: Ticket, agent: Agent, data: Mapping) -> str:
    raw = data.get("team") or ""
    team = Team.objects.filter(id=int(raw) if raw.isdigit() else 0).first()
    if team is None:
        raise InvalidInput(_("Pick a team."))
    services.ticket_escalate(
        ticket=ticket, to_team=team, reason=_text(data, "reason", required=False), actor=agent
    )
    return _("Escalated to %(team)s.") % {"team": team.name}


def hand_back(*, ticket: Ticket, agent: Agent, data: Mapping) -> str:
    services.ticket_hand_back(ticket=ticket, actor=agent, note=_text(data, "note", required=False))
    return _("Handed back.")


def transition(*, ticket: Ticket, agent: Agent, data: Mapping) -> str:
    to = _choice(data, "to", "status")
    if to is None:
        raise InvalidInput(_("Pick a status."))
    services.ticket_transition(ticket=ticket, to=to, actor=agent)
    return _("Status changed.")


def _other(agent: Agent, data: Mapping) -> Ticket:
    number = (data.get("number") or "").strip()
    if not number:
        raise InvalidInput(_("Give the other ticket's number."))
    return ticket_get_by_number_for_agent(agent=agent, number=number)


def merge(*, ticket: Ticket, agent: Agent, data: Mapping) -> str:
    target = _other(agent, data)
    services.ticket_merge(source=ticket, target=target, actor=agent)
    return _("Merged into %(number)s.") % {"number": target.number}


def link(*, ticket: Ticket, agent: Agent, data: Mapping) -> str:
    kind = _choice(data, "kind", "link") or "related"
    target = _other(agent, data)
    services.ticket_link(source=ticket, target=target, kind=kind, actor=agent)
    return _("Linked to %(number)s.") % {"number": target.number}


def _tag_list(raw: str) -> list[str]:
    names = (slugify(part.strip(), allow_unicode=True)[:50] for part in raw.split(","))
    return sorted({n for n in names if n})


def tags(*, ticket: Ticket, agent: Agent, data: Mapping) -> str:
    add, remove = _tag_list(data.get("add", "")), _tag_list(data.get("remove", ""))
    if not add and not remove:
        raise InvalidInput(_("Give a tag to add or remove."))
    services.ticket_tags_change(ticket=ticket, add=add, remove=remove, actor=agent)
    return _("Tags changed.")


def triage(*, ticket: Ticket, agent: Agent, data: Mapping) -> str:
    services.ticket_triage_set(
        ticket=ticket,
        actor=agent,
        priority=_choice(data, "priority", "priority"),
        category=_choice(data, "category", "category"),
    )
    return _("Saved.")


def case_draft(*, ticket: Ticket, agent: Agent, data: Mapping) -> str:
    kb_services.case_draft(ticket=ticket, actor=agent)
    return _("Public case drafted without the customer's details; an editor reviews it.")


def blocklist(*, ticket: Ticket, agent: Agent, data: Mapping) -> str:
    """Confirm a phishing domain the ticket names (security staff): one click blocks it."""
    entry = phishing_report_confirm(ticket=ticket, domain=_text(data, "domain"), agent=agent)
    return _("%(domain)s is on the blocklist now.") % {"domain": defang(entry.domain)}


def segment(*, ticket: Ticket, agent: Agent, data: Mapping) -> str:
    """Set the customer's segment by hand, or "auto": derived from their signals again."""
    value = data.get("segment") or ""
    if value != "auto" and value not in LABELS["segment"]:
        raise InvalidInput(_("That value is not allowed."))
    chosen = None if value == "auto" else value
    customer_segment_set(customer=ticket.customer, segment=chosen, actor=agent)
    return _("Segment saved.")


ACTIONS: dict[str, Handler] = {
    "reply": reply,
    "note": note,
    "take": take,
    "assign": assign,
    "escalate": escalate,
    "hand_back": hand_back,
    "transition": transition,
    "merge": merge,
    "link": link,
    "tags": tags,
    "triage": triage,
    "case_draft": case_draft,
    "blocklist": blocklist,
    "segment": segment,
}
