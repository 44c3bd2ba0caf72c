"""An agent's reply as an email: stable Message-ID, threading headers, the customer's
language, plain text and HTML, attachments. Pure (settings values are passed in)."""

import html
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime

from walletdesk.core.clock import now
from walletdesk.inbox.types import OutboundMessage

FOOTERS = {
    "en": "Reply to this email to add to your request {number}.",
    "zh-hans": "直接回复此邮件即可补充您的工单 {number}。",
}


@dataclass(frozen=True)
class MailIdentity:
    from_address: str
    reply_address: str  # with "{token}"; "" = replies go to from_address


def subject_for(outbound: OutboundMessage) -> str:
    subject = outbound.subject.strip() or outbound.ticket_number
    if outbound.ticket_number and outbound.ticket_number not in subject:
        subject = f"{subject} [{outbound.ticket_number}]"
    return subject if subject.lower().startswith("re:") else f"Re: {subject}"


def _html_for(outbound: OutboundMessage, footer: str) -> str:
    body = outbound.html or "<p>" + html.escape(outbound.text).replace("\n", "<br>\n") + "</p>"
    return (
        f'<!doctype html><html lang="{html.escape(outbound.language or "en")}"><body>'
        f'{body}<p style="color:#666;font-size:12px">{html.escape(footer)}</p></body></html>'
    )


def compose(outbound: OutboundMessage, identity: MailIdentity) -> EmailMessage:
    footer = (FOOTERS.get(outbound.language) or FOOTERS["en"]).format(number=outbound.ticket_number)
    msg = EmailMessage()
    msg["From"] = identity.from_address
    msg["To"] = outbound.recipient
    if identity.reply_address and outbound.reply_token:
        msg["Reply-To"] = identity.reply_address.format(token=outbound.reply_token)
    msg["Subject"] = subject_for(outbound)
    msg["Date"] = format_datetime(now())
    msg["Message-ID"] = f"<{outbound.message_id}>"
    if outbound.in_reply_to:
        msg["In-Reply-To"] = f"<{outbound.in_reply_to}>"
    if outbound.references:
        msg["References"] = " ".join(f"<{r}>" for r in outbound.references)
    msg["X-Walletdesk-Ticket"] = outbound.ticket_number
    msg.set_content(f"{outbound.text}\n\n-- \n{footer}\n")
    msg.add_alternative(_html_for(outbound, footer), subtype="html")
    for attachment in outbound.attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        msg.add_attachment(
            attachment.data,
            maintype=maintype or "application",
            subtype=subtype or "octet-stream",
            filename=attachment.name,
        )
    msg["Content-Language"] = outbound.language or "en"  # after the body: make_* moves Content-*
    return msg
