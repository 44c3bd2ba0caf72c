"""Replies go out by SMTP to a real aiosmtpd server: stable Message-ID, threading headers,
reply address, language, text and HTML; 4xx retried, 5xx final. The customer's answer to the
sent mail threads back onto the ticket."""

from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from tests import factories
from tests.inbox.helpers import inbound
from tests.inbox.servers import free_port
from walletdesk.inbox.adapters.email.parse import parse
from walletdesk.inbox.services import delivery_attempt, message_ingest
from walletdesk.tickets.services import reply_send

pytestmark = pytest.mark.django_db


class Recorder:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.rcpt_answer = ""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.rcpt_answer:
            return self.rcpt_answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, envelope.rcpt_tos, envelope.content))
        return "250 Message accepted"


@pytest.fixture
def smtp(settings):
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.INBOX = {
        **settings.INBOX,
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": controller.port,
        "SMTP_SECURITY": "none",
        "SMTP_USER": "",
    }
    yield recorder
    controller.stop()


@pytest.fixture
def reply(django_capture_on_commit_callbacks):
    factories.team()
    agent = factories.agent()
    opened = message_ingest(
        inbound=inbound(sender="dora@example.com", language="zh-CN", subject="提币未到账")
    )
    with django_capture_on_commit_callbacks(execute=False):
        message = reply_send(ticket=opened.ticket, agent=agent, body="我们正在核查。\n请稍候。")
    return message


def test_reply_is_sent_with_threading_headers(smtp, reply):
    delivery = delivery_attempt(delivery_id=reply.delivery.id)
    assert delivery.state == "sent"
    [(_mail_from, rcpt, raw)] = smtp.messages
    assert rcpt == ["dora@example.com"]
    sent = message_from_bytes(raw, policy=policy.default)
    first = reply.ticket.messages.first()
    assert sent["Message-ID"] == f"<{delivery.external_id}>"
    assert sent["In-Reply-To"] == f"<{first.external_id}>"
    assert f"<{first.external_id}>" in sent["References"]
    assert reply.ticket.number in sent["Subject"] and "提币未到账" in sent["Subject"]
    assert sent["Content-Language"] == "zh-hans"
    assert sent["Reply-To"].addresses[0].username.startswith("support+t")
    assert "我们正在核查" in sent.get_body(("plain",)).get_content()
    assert "我们正在核查" in sent.get_body(("html",)).get_content()
    assert "工单" in sent.get_body(("plain",)).get_content()


def test_customer_answer_to_the_sent_mail_threads_back(smtp, reply):
    delivery = delivery_attempt(delivery_id=reply.delivery.id)
    sent = message_from_bytes(smtp.messages[0][2], policy=policy.default)
    answer = (
        f"From: Dora <dora@example.com>\r\nTo: {sent['Reply-To']}\r\n"
        f"Subject: Re: {sent['Subject']}\r\nMessage-ID: <answer-1@example.com>\r\n"
        f"In-Reply-To: <{delivery.external_id}>\r\n\r\n好的，谢谢。\r\n"
    ).encode()
    [parsed] = parse(answer)
    assert parsed.thread.reply_token
    result = message_ingest(inbound=parsed)
    assert result.ticket.id == reply.ticket_id and not result.created_ticket


def test_temporary_refusal_is_retried(smtp, reply):
    smtp.rcpt_answer = "451 4.3.0 try again later"
    delivery = delivery_attempt(delivery_id=reply.delivery.id)
    assert delivery.state == "pending" and "451" in delivery.last_error


def test_permanent_refusal_fails_the_delivery(smtp, reply):
    smtp.rcpt_answer = "550 5.1.1 no such user"
    delivery = delivery_attempt(delivery_id=reply.delivery.id)
    assert delivery.state == "failed" and "550" in delivery.last_error


def test_unreachable_server_is_temporary(settings, reply):
    settings.INBOX = {
        **settings.INBOX,
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": free_port(),
        "SMTP_SECURITY": "none",
    }
    delivery = delivery_attempt(delivery_id=reply.delivery.id)
    assert delivery.state == "pending" and delivery.attempts == 1
