"""The assistant's replies are shown as the assistant's, not as "system": the web-chat frames
say "from": "assistant" (the widget labels them "Assistant" / "智能助手"), and the portal's
tracking page names the assistant. Agents' replies and other automatic messages keep theirs."""

import pytest
from django.urls import reverse

from tests import factories as f
from tests.assistant.channel_intake import chat_frames, chat_say, chat_session
from walletdesk.assistant.handover import reply_post
from walletdesk.tickets.models import Message
from walletdesk.tickets.services import reply_send
from walletdesk.tickets.services.conversation import message_build, outbound_save

pytestmark = pytest.mark.django_db


def test_chat_frames_name_the_assistant_and_the_agent(on_channels, desk):
    session = chat_session()
    on_channels(chat_say, session, "Where can I download the official app?")
    ticket = Message.objects.get(direction=Message.Direction.INBOUND).ticket
    on_channels(reply_send, ticket=ticket, agent=desk["agent"], body="Alice here, any news?")
    frames = chat_frames(session)
    assert [frame["from"] for frame in frames] == ["customer", "assistant", "agent"]
    assert "/help/" in frames[1]["text"] and "name" not in frames[1]
    assert frames[2]["name"] == desk["agent"].display_name


def test_other_automatic_messages_stay_system(on_channels):
    session = chat_session()
    on_channels(chat_say, session, "Where can I download the official app?")
    ticket = Message.objects.get(direction=Message.Direction.INBOUND).ticket
    notice = message_build(
        ticket,
        Message.Direction.OUTBOUND,
        "Maintenance tonight.",
        channel=ticket.channel,
        at=ticket.created_at,
    )
    on_channels(outbound_save, notice)
    assert [frame["from"] for frame in chat_frames(session)][-1] == "system"


@pytest.mark.parametrize(("language", "label"), [("en", "Assistant"), ("zh-hans", "智能助手")])
def test_the_tracking_page_names_the_assistant(client, desk, language, label):
    ticket, token = f.ticket(body="where is my USDT")
    reply_post(ticket=ticket, text="Here is how to check a transfer.")
    reply_send(ticket=ticket, agent=desk["agent"], body="We are checking.")
    url = reverse("portal:track", args=[ticket.number])
    headers = {"Accept-Language": language}
    page = client.get(client.get(url, {"token": token}, headers=headers).url, headers=headers)
    html = page.content.decode()
    assert html.count(f"<strong>{label}</strong>") == 1
    assert f"<strong>{desk['agent'].display_name}</strong>" in html
