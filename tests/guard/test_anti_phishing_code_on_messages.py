"""Every genuine message from the desk shows the customer's anti-phishing code, once they set
one: e-mail (text and HTML parts), Telegram and web chat; messages from the customer do not,
and nothing changes for a customer without a code."""

from email import message_from_bytes, policy

import pytest

from tests import factories as f
from tests.inbox.test_email_smtp_outbound import Recorder, smtp  # noqa: F401 (fixture)
from tests.inbox_telegram._payloads import raw
from tests.inbox_telegram.conftest import bot_api, post_update  # noqa: F401 (fixture)
from walletdesk.accounts.services import customer_resolve
from walletdesk.guard.services import anti_phishing_code_set
from walletdesk.inbox.adapters.webchat.selectors import chat_messages_after
from walletdesk.inbox.adapters.webchat.services import session_start
from walletdesk.inbox.models import Delivery
from walletdesk.inbox.services import delivery_attempt
from walletdesk.tickets.models import Ticket
from walletdesk.tickets.services import reply_send

__all__ = ["Recorder"]
CODE_EN = "Your anti-phishing code: otter-42. A message without it is not from us."
CODE_ZH = "您的防钓鱼码：otter-42。没有此码的消息不是我们发送的。"


@pytest.fixture
def desk(db, settings, django_capture_on_commit_callbacks):
    settings.ROOT_URLCONF = "walletdesk.config.urls"
    f.default_policies()
    agent = f.agent("liwei", teams=[f.team()], languages=["zh-hans", "en"])

    def reply(ticket: Ticket, body: str):
        with django_capture_on_commit_callbacks(execute=False):  # the test runs the attempts
            return reply_send(ticket=ticket, agent=agent, body=body)

    return reply


def test_an_email_reply_shows_the_code_in_both_parts(desk, smtp):  # noqa: F811
    sam = customer_resolve(kind="email", value="sam@example.com", language="en")
    ticket, _ = f.ticket(sam, channel="email", language="en")
    delivery_attempt(delivery_id=Delivery.objects.get(message=desk(ticket, "Before.")).id)
    anti_phishing_code_set(customer=sam, code="otter-42")
    delivery_attempt(delivery_id=Delivery.objects.get(message=desk(ticket, "After.")).id)
    before, after = (message_from_bytes(m[2], policy=policy.default) for m in smtp.messages)
    assert CODE_EN not in before.get_body(("plain",)).get_content()
    assert CODE_EN in after.get_body(("plain",)).get_content()
    assert CODE_EN in after.get_body(("html",)).get_content()
    assert ticket.messages.get(body_text="After.")  # added when sent, not stored


def test_a_telegram_reply_shows_the_code_in_the_customers_language(desk, bot_api, post_update):  # noqa: F811
    post_update(raw("private_text"))
    ticket = Ticket.objects.get()
    anti_phishing_code_set(customer=ticket.customer, code="otter-42")
    delivery_attempt(delivery_id=Delivery.objects.get(message=desk(ticket, "我们正在核查。")).id)
    expected = CODE_ZH if ticket.language == "zh-hans" else CODE_EN
    assert bot_api.sent_texts()[-1].endswith(f"我们正在核查。\n\n{expected}")


def test_web_chat_frames_from_the_desk_show_the_code(desk):
    session, _token = session_start(language="zh-hans")
    visitor = customer_resolve(kind="web", value=session.public_id, language="zh-hans")
    ticket, _ = f.ticket(visitor, channel="webchat", language="zh-hans", body="在吗")
    desk(ticket, "在的，请说。")
    assert [frame["text"] for frame in chat_messages_after(session=session, after=0)] == [
        "在吗",
        "在的，请说。",
    ]
    anti_phishing_code_set(customer=visitor, code="otter-42")
    texts = [frame["text"] for frame in chat_messages_after(session=session, after=0)]
    assert texts == ["在吗", f"在的，请说。\n\n{CODE_ZH}"]
