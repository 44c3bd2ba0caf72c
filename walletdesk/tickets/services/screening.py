"""Links in customer text: phishing and look-alike links are flagged on the ticket for agents.

Runs in the ticket write path (like the redactor), so every channel gets it. The flags go into
`ticket.metadata["link_flags"]` (newest last, capped) and tag the ticket.
"""

from walletdesk.tickets.models import Tag, Ticket

FLAG_LIMIT = 20
SUSPICIOUS_TAG = "suspicious-link"
BLOCKED_TAG = "phishing-link"


def links_flag(ticket: Ticket, text: str) -> list[dict]:
    """Check the links in `text`; record and tag what is blocked or suspicious. No save of the
    ticket's other fields; returns the new flags."""
    from walletdesk.guard.selectors import links_check

    metadata = dict(ticket.metadata or {})
    known = {flag.get("text") for flag in metadata.get("link_flags", [])}
    flags = []
    for flag in (link.as_dict() for link in links_check(text)):
        if flag["text"] not in known:  # once per link, however often it is quoted
            known.add(flag["text"])
            flags.append(flag)
    if not flags:
        return []
    metadata["link_flags"] = [*metadata.get("link_flags", []), *flags][-FLAG_LIMIT:]
    ticket.metadata = metadata
    Ticket.objects.filter(id=ticket.id).update(metadata=metadata)
    names = [SUSPICIOUS_TAG] + (
        [BLOCKED_TAG] if any(f["verdict"] == "blocked" for f in flags) else []
    )
    Tag.objects.bulk_create([Tag(name=n) for n in names], ignore_conflicts=True)
    ticket.tags.add(*Tag.objects.filter(name__in=names))
    return flags
