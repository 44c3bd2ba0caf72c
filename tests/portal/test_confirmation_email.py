"""A request submitted with an e-mail address sends the customer the ticket number and a
signed, expiring tracking link (not the access token), in their language, through the outbox
(Delivery, SMTP)."""

from email import message_from_bytes, policy
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from tests.inbox.test_email_smtp_outbound import Recorder, smtp  # noqa: F401 (fixture)
from walletdesk.inbox.models import Delivery
from walletdesk.inbox.services import delivery_attempt
from walletdesk.tickets.models import Message, Ticket

__all__ = ["Recorder"]


@pytest.fixture
def submit(client, desk, django_capture_on_commit_callbacks):
    def post(language: str, **fields):
        data = {"category": "technical", "description": "我的USDT没有到账", **fields}
        with django_capture_on_commit_callbacks(execute=False) as queued:
            response = client.post(reverse("portal:submit"), data, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        return response, queued

    return post


def test_tracking_link_is_queued_for_the_given_address(submit):
    response, queued = submit("zh-Hans", email="Dora@Example.com")
    ticket, token = Ticket.objects.get(), response.context["token"]
    [delivery] = Delivery.objects.all()
    assert delivery.recipient == "dora@example.com"
    assert delivery.state == "pending"
    message = delivery.message
    assert (message.direction, message.channel, message.ticket) == ("outbound", "email", ticket)
    assert f"/track/{ticket.number}/?link=" in message.body_text
    assert token not in message.body_text  # the outbox sends what is stored
    assert "请" in message.body_text or "您" in message.body_text  # in the customer's language
    assert queued  # the send task is queued after commit
    assert 'id="emailed"' in response.content.decode()


def test_no_email_no_message(submit):
    response, _queued = submit("en")
    assert not Delivery.objects.exists()
    assert not Message.objects.filter(direction="outbound").exists()
    assert 'id="emailed"' not in response.content.decode()


def test_the_mail_reaches_smtp_in_english_with_a_working_link(submit, smtp):  # noqa: F811
    response, _queued = submit("en", email="sam@example.com", description="USDT missing")
    ticket, token = Ticket.objects.get(), response.context["token"]
    delivery = delivery_attempt(delivery_id=Delivery.objects.get().id)
    assert delivery.state == "sent"
    [(_sender, rcpt, raw)] = smtp.messages
    assert rcpt == ["sam@example.com"]
    sent = message_from_bytes(raw, policy=policy.default)
    text = sent.get_body(("plain",)).get_content()
    assert ticket.number in text
    assert "We have received your request" in text
    assert token not in text
    link = next(word for word in text.split() if "/track/" in word)
    assert link.split("/track/")[1].startswith(f"{ticket.number}/?link=")
    url = urlsplit(link)
    reader = Client()  # another browser: only the link gives it access
    assert reader.get(url.path).status_code == 404
    opened = reader.get(f"{url.path}?{url.query}")
    assert (opened.status_code, opened.url) == (302, url.path)  # the link leaves the address
    page = reader.get(opened.url)
    assert page.status_code == 200 and "USDT missing" in page.content.decode()
