"""Email: raw RFC 5322 messages in (IMAP polling, `walletdesk mail-receive`), SMTP out."""

from django.conf import settings

from walletdesk.inbox.adapters import Adapter
from walletdesk.inbox.adapters.email import parse as parsing
from walletdesk.inbox.adapters.email import redact
from walletdesk.inbox.adapters.email.send import send
from walletdesk.inbox.types import InboundMessage
from walletdesk.tickets.choices import Channel


def parse(raw: bytes) -> list[InboundMessage]:
    return parsing.parse(raw, trusted_authserv_id=str(settings.INBOX["MAIL_TRUSTED_AUTHSERV_ID"]))


def redact_raw(raw: bytes) -> tuple[bytes, bool]:
    from walletdesk.inbox.services.records import payload_redact

    return redact.redact_raw(raw, generic=payload_redact)


ADAPTER = Adapter(
    channel=Channel.EMAIL,
    parse=parse,
    send=send,
    identity_kind="email",  # CustomerIdentity.Kind.EMAIL
    redact_raw=redact_raw,
)

__all__ = ["ADAPTER", "parse", "redact_raw", "send"]
