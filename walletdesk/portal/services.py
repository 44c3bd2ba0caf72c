"""Portal writes: a customer's request from the web form, with its attachments."""

import hashlib
import uuid
from dataclasses import dataclass, field

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from walletdesk.accounts.models import Customer, CustomerIdentity
from walletdesk.accounts.services import customer_resolve
from walletdesk.tickets.choices import Channel
from walletdesk.tickets.models import Attachment, Message, Ticket
from walletdesk.tickets.services import TicketDraft, ticket_create

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
    first_line = req.description.strip().splitlines()[0] if req.description.strip() else ""
    return first_line[:SUBJECT_FROM_BODY]


def attachments_add(*, message: Message, files: list[UploadedFile]) -> None:
    for f in files:
        digest = hashlib.sha256()
        for chunk in f.chunks():
            digest.update(chunk)
        attachment = Attachment(
            message=message,
            filename=(f.name or "file")[:255],
            content_type=f.content_type or "application/octet-stream",
            size=f.size or 0,
            sha256=digest.hexdigest(),
        )
        f.seek(0)
        attachment.file.save(f"{uuid.uuid4().hex}-{attachment.filename[-80:]}", f, save=False)
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
    return ticket, token
