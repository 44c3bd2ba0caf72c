"""Web chat reads: a session's tickets and the public messages it has not seen yet."""

from collections.abc import Mapping
from typing import Any

from django.db.models import Exists, OuterRef, Subquery

from walletdesk.accounts.models import CustomerIdentity
from walletdesk.assistant.models import PostedMessage
from walletdesk.guard.models import AntiPhishingCode
from walletdesk.guard.selectors import anti_phishing_line
from walletdesk.inbox.adapters.webchat.models import ChatSession
from walletdesk.tickets.models import Message, Ticket

HISTORY_LIMIT = 200
PUBLIC = (Message.Direction.INBOUND, Message.Direction.OUTBOUND)


def session_ticket_ids(*, session: ChatSession) -> list[int]:
    return list(
        Ticket.objects.filter(
            customer__identities__kind=CustomerIdentity.Kind.WEB,
            customer__identities__value=session.public_id,
        ).values_list("id", flat=True)
    )


def chat_messages_after(*, session: ChatSession, after: int) -> list[dict]:
    """Public messages of the session's tickets with id > after, oldest first, as frames; ours
    end with the customer's anti-phishing code line when they set one."""
    code = AntiPhishingCode.objects.filter(customer=OuterRef("ticket__customer_id"))
    rows = (
        Message.objects.filter(
            ticket__customer__identities__kind=CustomerIdentity.Kind.WEB,
            ticket__customer__identities__value=session.public_id,
            direction__in=PUBLIC,
            id__gt=after,
        )
        .annotate(
            by_assistant=Exists(PostedMessage.objects.filter(message=OuterRef("pk"))),
            code=Subquery(code.values("code")[:1]),
        )
        .order_by("id")
        .values(
            "id",
            "direction",
            "body_text",
            "created_at",
            "external_id",
            "author_agent__display_name",
            "by_assistant",
            "code",
            "ticket__language",
        )[:HISTORY_LIMIT]
    )
    return [_frame(row, session.public_id) for row in rows]


def _frame(row: Mapping[str, Any], public_id: str) -> dict:
    inbound = row["direction"] == Message.Direction.INBOUND
    frame = {
        "type": "message",
        "seq": row["id"],
        "from": _author(row),
        "text": row["body_text"],
        "at": row["created_at"].isoformat(),
    }
    if not inbound and row["code"]:
        line = anti_phishing_line(code=row["code"], language=row["ticket__language"])
        frame["text"] = f"{row['body_text']}\n\n{line}"
    if row["author_agent__display_name"]:
        frame["name"] = row["author_agent__display_name"]
    prefix = f"{public_id}:"
    if inbound and row["external_id"].startswith(prefix):
        frame["client_id"] = row["external_id"][len(prefix) :]
    return frame


def _author(row: Mapping[str, Any]) -> str:
    if row["direction"] == Message.Direction.INBOUND:
        return "customer"
    if row["author_agent__display_name"]:
        return "agent"
    return "assistant" if row["by_assistant"] else "system"
