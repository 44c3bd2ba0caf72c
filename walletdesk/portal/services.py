"""Portal writes: a customer's request from the web form, with its attachments, the
confirmation e-mail carrying its signed, expiring tracking link (never the access token), and
a new link e-mailed on request."""

import hashlib
import uuid
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from walletdesk.accounts.models import Customer, CustomerIdentity
from walletdesk.accounts.services import customer_resolve
from walletdesk.core.clock import now
from walletdesk.guard.redaction import redact, redact_attachment
from walletdesk.portal.access import track_link_url
from walletdesk.portal.selectors import ticket_for_new_link
from walletdesk.tickets.choices import Channel
from walletdesk.tickets.models import Attachment, Message, Ticket
from walletdesk.tickets.services import TicketDraft, ticket_create
from walletdesk.tickets.services.conversation import message_build, outbound_save

SUBJECT_FROM_BODY = 80


@dataclass
class WebRequest:
    category: str
    description: str
    language: str
    subject: str = ""
    email: str = ""
    chain: str = ""
    address: str = ""
    tx_hash: str = ""
    files: list[UploadedFile] = field(default_factory=list)


def _customer(email: str, language: str) -> Customer:
    if email:
        return customer_resolve(
            kind=CustomerIdentity.Kind.EMAIL, value=email.lower(), language=language
        )
    return customer_resolve(
        kind=CustomerIdentity.Kind.WEB, value=uuid.uuid4().hex, language=language
    )


def _subject(req: WebRequest) -> str:
    if req.subject.strip():
        return req.subject.strip()[:200]
    text = redact(req.description).text.strip()  # redact before cutting: a cut phrase hides
    first_line = text.splitlines()[0] if text else ""
    return first_line[:SUBJECT_FROM_BODY]


def attachments_add(*, message: Message, files: list[UploadedFile]) -> None:
    for f in files:
        content_type = f.content_type or "application/octet-stream"
        data = redact_attachment(b"".join(f.chunks()), content_type)  # text files: no secret
        attachment = Attachment(
            message=message,
            filename=(f.name or "file")[:255],
            content_type=content_type,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
        )
        name = f"{uuid.uuid4().hex}-{attachment.filename[-80:]}"
        attachment.file.save(name, ContentFile(data), save=False)
        attachment.save()


@transaction.atomic
def portal_request_submit(*, req: WebRequest) -> tuple[Ticket, str]:
    """Create the ticket; returns it and its private access token (shown once)."""
    metadata = {"tx_hashes": [req.tx_hash]} if req.tx_hash else {}
    draft = TicketDraft(
        customer=_customer(req.email, req.language),
        subject=_subject(req),
        body=req.description,
        channel=Channel.WEB,
        language=req.language,
        category=req.category,
        chain=req.chain,
        metadata=metadata,
        addresses=[(req.chain, req.address.strip())] if req.address.strip() else [],
    )
    ticket, token = ticket_create(draft=draft)
    first = ticket.messages.order_by("id").first()
    if req.files and first is not None:
        attachments_add(message=first, files=req.files)
    if req.email:
        confirmation_send(ticket=ticket)
    return ticket, token


def confirmation_text(*, ticket: Ticket, link: str) -> str:
    """The confirmation, in the ticket's language: number, tracking link, safety reminder."""
    with translation.override(ticket.language):
        return _(
            "We have received your request %(number)s.\n\n"
            "Follow it, reply and rate our answer with your private tracking link:\n%(link)s\n\n"
            "Keep this link to yourself: anyone who has it can read your request. Our staff "
            "will never ask for your recovery phrase or private key."
        ) % {"number": ticket.number, "link": link}


def confirmation_send(*, ticket: Ticket) -> Message:
    """E-mail the tracking link through the outbox (sent after commit, retried). The outbox
    sends what is stored, so the link is signed and expires (portal.access): the access token
    is stored nowhere, the ticket keeps only its SHA-256."""
    body = confirmation_text(ticket=ticket, link=track_link_url(ticket))
    return _email(ticket, body)


def _email(ticket: Ticket, body: str) -> Message:
    message = message_build(
        ticket, Message.Direction.OUTBOUND, body, channel=Channel.EMAIL, at=now()
    )
    return outbound_save(message)


def new_link_text(*, ticket: Ticket, link: str) -> str:
    with translation.override(ticket.language):
        return _(
            "You asked for a new link to follow your request %(number)s:\n%(link)s\n\n"
            "Keep this link to yourself: anyone who has it can read your request. If you did "
            "not ask for it, ignore this e-mail. Our staff will never ask for your recovery "
            "phrase or private key."
        ) % {"number": ticket.number, "link": link}


@transaction.atomic
def new_link_send(*, number: str, email: str) -> Message | None:
    """Send me a new link: when the ticket's customer has this e-mail address, a fresh
    signed tracking link goes out through the outbox, in the ticket's language; otherwise
    nothing happens. The caller answers alike either way (no enumeration)."""
    ticket = ticket_for_new_link(number=number, email=email)
    if ticket is None:
        return None
    return _email(ticket, new_link_text(ticket=ticket, link=track_link_url(ticket)))
