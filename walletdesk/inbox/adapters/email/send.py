"""Replies out by SMTP. 4xx answers and connection trouble are retried; 5xx are final."""

import smtplib
import ssl

from django.conf import settings

from walletdesk.inbox.adapters.email.compose import MailIdentity, compose
from walletdesk.inbox.types import OutboundMessage, SendError


def _connect(config: dict) -> smtplib.SMTP:  # type: ignore[type-arg]
    host, port, timeout = config["SMTP_HOST"], config["SMTP_PORT"], config["SMTP_TIMEOUT"]
    security = config["SMTP_SECURITY"].lower()
    helo = config["MAIL_DOMAIN"]  # not getfqdn(): a reverse DNS lookup can stall for seconds
    if security == "tls":
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            host, port, helo, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        client = smtplib.SMTP(host, port, helo, timeout=timeout)
        if security == "starttls":
            client.starttls(context=ssl.create_default_context())
    if config["SMTP_USER"]:
        client.login(config["SMTP_USER"], config["SMTP_PASSWORD"])
    return client


def _error(exc: Exception) -> SendError:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return SendError(f"recipient refused: {exc.recipients}", temporary=min(codes) < 500)
    if isinstance(exc, smtplib.SMTPResponseException):
        error = exc.smtp_error
        message = error.decode("utf-8", "replace") if isinstance(error, bytes) else str(error)
        return SendError(f"{exc.smtp_code} {message}".strip(), temporary=exc.smtp_code < 500)
    return SendError(f"{type(exc).__name__}: {exc}", temporary=True)


def send(outbound: OutboundMessage) -> str:
    """Send one reply; returns its Message-ID. The same id goes out on every attempt."""
    config = settings.INBOX
    if not config["SMTP_HOST"]:
        raise SendError("SMTP is not configured (SMTP_HOST)", temporary=True)
    identity = MailIdentity(str(config["MAIL_FROM"]), str(config["MAIL_REPLY_ADDRESS"]))
    message = compose(outbound, identity)
    try:
        with _connect(config) as client:
            client.send_message(message)
    except (smtplib.SMTPException, OSError) as exc:
        raise _error(exc) from exc
    return outbound.message_id
