"""The decision policy (pure): answer, clarify, hand over or refuse."""

import pytest

from walletdesk.assistant.intents import IntentScore
from walletdesk.assistant.policy import Action, Reason, State, decide, pick_option


def ranked(*pairs):
    return [IntentScore(i, p) for i, p in pairs]


CLEAR = ranked(("staking_and_voting", 0.9), ("fees_and_resources", 0.05))
CLOSE = ranked(("transfer_not_received", 0.5), ("transaction_pending", 0.4))


def test_a_confident_intent_is_answered():
    decision = decide(CLEAR, text="how to stake")
    assert (decision.action, decision.reason) == (Action.ANSWER, Reason.CONFIDENT)


def test_two_close_intents_get_one_clarifying_question_naming_both():
    decision = decide(CLOSE, text="not there yet")
    assert decision.action == Action.CLARIFY
    assert decision.options == ("transfer_not_received", "transaction_pending")


def test_a_second_failed_attempt_hands_over_instead_of_asking_again():
    decision = decide(CLOSE, text="still no", state=State(failed_attempts=1, last_action="clarify"))
    assert (decision.action, decision.reason) == (Action.HANDOVER, Reason.SECOND_FAILURE)


def test_asking_the_same_thing_after_an_answer_counts_as_a_failure():
    state = State(failed_attempts=1, last_action="answer", last_intent="staking_and_voting")
    assert decide(CLEAR, text="how to stake??", state=state).reason == Reason.SECOND_FAILURE


def test_low_confidence_hands_over():
    weak = ranked(("swap_and_bridge", 0.3), ("dapp_and_connection", 0.25))
    assert decide(weak, text="my swap through the bridge shows an odd error").reason == (
        Reason.LOW_CONFIDENCE
    )


@pytest.mark.parametrize("text", ["转人工", "I want to speak to a human", "talk to an agent pls"])
def test_explicit_requests_for_a_person_hand_over(text):
    assert decide(CLEAR, text=text).reason == Reason.EXPLICIT_REQUEST


def test_any_likely_security_intent_hands_over_even_when_not_first():
    intents = ranked(("approvals_and_revoke", 0.55), ("dapp_and_connection", 0.45))
    decision = decide(intents, text="a site asked me to approve")
    assert (decision.action, decision.reason) == (Action.HANDOVER, Reason.SECURITY)
    intents = ranked(("dapp_and_connection", 0.6), ("approvals_and_revoke", 0.35))
    assert decide(intents, text="the site asked to sign for my tokens").intent == (
        "approvals_and_revoke"
    )


def test_did_not_help_hands_over_only_after_an_answer():
    answered = State(last_action="answer", last_intent="staking_and_voting")
    assert decide(CLEAR, text="没用", state=answered).reason == Reason.NOT_HELPED
    assert decide(CLEAR, text="没用", state=State()).action == Action.ANSWER


def test_out_of_scope_is_refused():
    oos = ranked(("out_of_scope", 0.8), ("market_and_prices", 0.1))
    assert decide(oos, text="will btc go up").action == Action.REFUSE


def test_once_handed_over_messages_are_relayed():
    assert decide(CLEAR, text="hi", state=State(handed_over=True)).action == Action.RELAY


@pytest.mark.parametrize(("text", "chosen"), [("1", "a"), ("第二个", "b"), ("2.", "b")])
def test_an_answer_to_the_clarifying_question_picks_the_option(text, chosen):
    assert pick_option(text, ("a", "b")) == chosen


def test_other_text_picks_no_option():
    assert pick_option("my usdt is missing", ("a", "b")) is None
