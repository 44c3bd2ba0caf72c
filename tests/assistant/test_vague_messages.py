"""Short vague messages ("help", "钱没了", "not working") get one question about what
happened, not a confident answer or a refusal; short but clear ones are still acted on."""

import pytest

from walletdesk.assistant import policy, vague
from walletdesk.assistant.engine import understand


def decided(text: str, state: policy.State | None = None) -> policy.Decision:
    return policy.decide(understand(text).intents, text=text, state=state or policy.State())


VAGUE = ["help", "help!!", "钱没了", "not working", "why?", "怎么办", "急！钱不见了", "USDT"]
VAGUE += ["有问题", "出错了", "不行", "救命", "something wrong", "it doesn't work"]


@pytest.mark.parametrize("text", VAGUE)
def test_a_vague_message_gets_a_question(text):
    decision = decided(text)
    assert (decision.action, decision.reason) == (policy.Action.CLARIFY, policy.Reason.VAGUE)


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("被盗了", policy.Action.HANDOVER),  # short, but certainly security
        ("hacked", policy.Action.HANDOVER),
        ("转人工", policy.Action.HANDOVER),
        ("没到账", policy.Action.ANSWER),
        ("how do I stake", policy.Action.ANSWER),  # one topic word, and a sure classifier
        ("tell me a joke", policy.Action.REFUSE),
        ("hello who are you", policy.Action.REFUSE),
    ],
)
def test_short_but_clear_messages_are_acted_on(text, action):
    assert decided(text).action == action


@pytest.mark.parametrize("text", ["hi", "你好", "在吗", "hello there", "good morning!"])
def test_a_greeting_is_answered_with_what_the_assistant_can_do(text):
    decision = decided(text)
    assert (decision.action, decision.reason) == (policy.Action.REFUSE, policy.Reason.GREETING)


def test_a_second_vague_message_goes_to_a_person():
    asked = policy.State(failed_attempts=1, last_action="clarify", pending_options=("x", "y"))
    assert decided("help", asked).reason == policy.Reason.SECOND_FAILURE


def test_picking_an_option_is_not_vague():
    asked = policy.State(failed_attempts=1, last_action="clarify", pending_options=("a", "b"))
    assert not policy.is_vague_message("2", asked)
    assert vague.is_vague("2")


@pytest.mark.parametrize(
    "text",
    [
        "my USDT transfer failed",
        "转账失败了怎么办",
        "send TRX to TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
        "how do I stake TRX for energy",
    ],
)
def test_messages_that_name_a_topic_are_not_vague(text):
    assert not vague.is_vague(text)
