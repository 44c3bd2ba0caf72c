"""What the assistant may do on each channel (WALLETDESK_ASSISTANT_CHANNELS), and when it
stays out: mode off, a person already answered, a run repeated for the same message."""

import pytest

from tests.assistant.channel_intake import chat_say, chat_session
from walletdesk.assistant import policy
from walletdesk.assistant.autoreply import channel_modes
from walletdesk.assistant.models import Exchange
from walletdesk.inbox.tasks import message_followups
from walletdesk.tickets.models import Message, Ticket
from walletdesk.tickets.services import reply_send

QUESTION = "Where can I download the official app?"
Mode, Action, Reason = policy.Mode, policy.Action, policy.Reason


def test_the_setting_names_a_mode_per_channel_and_unknown_modes_are_off():
    modes = channel_modes("chat=auto, telegram=confident,email=suggest,x=loud,")
    assert modes == {
        "chat": Mode.AUTO,
        "telegram": Mode.CONFIDENT,
        "email": Mode.SUGGEST,
        "x": Mode.OFF,
    }


@pytest.mark.parametrize(
    ("action", "reason", "confidence", "earlier", "expected", "speak"),
    [
        (Action.ANSWER, Reason.CONFIDENT, 0.95, 0, Action.ANSWER, True),
        (Action.ANSWER, Reason.CONFIDENT, 0.70, 0, Action.HANDOVER, False),
        (Action.ANSWER, Reason.CONFIDENT, 0.95, 1, Action.HANDOVER, False),
        (Action.CLARIFY, Reason.CLOSE_INTENTS, 0.50, 0, Action.HANDOVER, False),
        (Action.HANDOVER, Reason.SECURITY, 0.90, 0, Action.HANDOVER, True),
        (Action.HANDOVER, Reason.EXPLICIT_REQUEST, 0.90, 0, Action.HANDOVER, False),
        (Action.REFUSE, Reason.OUT_OF_SCOPE, 0.99, 0, Action.HANDOVER, False),
    ],
)
def test_confident_mode(action, reason, confidence, earlier, expected, speak):
    decision = policy.Decision(action, reason, "some_intent", confidence)
    made, spoken = policy.apply_mode(
        decision, mode=Mode.CONFIDENT, earlier_turns=earlier, auto_reply_from=0.85
    )
    assert (made.action, spoken) == (expected, speak)


def test_suggest_mode_never_speaks():
    decision = policy.Decision(Action.ANSWER, Reason.CONFIDENT, "x", 0.99)
    made, spoken = policy.apply_mode(
        decision, mode=Mode.SUGGEST, earlier_turns=0, auto_reply_from=0.5
    )
    assert made.reason == Reason.SUGGESTED and not spoken


@pytest.mark.django_db
def test_mode_off_leaves_the_ticket_to_people(on_channels, settings):
    settings.WALLETDESK = {**settings.WALLETDESK, "ASSISTANT_CHANNELS": "chat=off"}
    on_channels(chat_say, chat_session(), QUESTION)
    assert not Exchange.objects.exists()
    assert list(Message.objects.values_list("direction", flat=True)) == ["inbound"]


@pytest.mark.django_db
def test_once_an_agent_replied_the_assistant_stays_out(on_channels, desk):
    session = chat_session()
    on_channels(chat_say, session, QUESTION)
    ticket = Ticket.objects.get()
    on_channels(reply_send, ticket=ticket, agent=desk["agent"], body="Hello, I am Alice.")
    on_channels(chat_say, session, "How do I add a custom token?")
    assert Exchange.objects.count() == 1


@pytest.mark.django_db
def test_a_repeated_follow_up_answers_once(on_channels):
    on_channels(chat_say, chat_session(), QUESTION)
    inbound = Message.objects.get(direction=Message.Direction.INBOUND)
    on_channels(message_followups.call, inbound.id)
    assert Exchange.objects.count() == 1
    assert Message.objects.filter(direction=Message.Direction.OUTBOUND).count() == 1


@pytest.mark.django_db
def test_a_ticket_that_began_without_the_assistant_stays_with_people(on_channels, settings):
    settings.WALLETDESK = {**settings.WALLETDESK, "ASSISTANT_CHANNELS": "chat=off"}
    session = chat_session()
    on_channels(chat_say, session, QUESTION)
    settings.WALLETDESK = {**settings.WALLETDESK, "ASSISTANT_CHANNELS": "chat=auto"}
    on_channels(chat_say, session, "How do I add a custom token?")
    assert not Exchange.objects.exists()
