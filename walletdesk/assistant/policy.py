"""What the assistant does with a message (pure): answer, ask one clarifying question, hand
over to a person, or politely refuse. Rules on plain data; the service applies the result."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from walletdesk.assistant.intents import IntentScore
from walletdesk.core.taxonomy import intent_categories

OUT_OF_SCOPE = "out_of_scope"
CONTACT_HUMAN = "contact_human"
FAILURES_BEFORE_HANDOVER = 2

HUMAN_RE = re.compile(
    r"转人工|人工客服|真人客服|找人工|要人工|真人|活人|human|real person|live (?:agent|chat|person)"
    r"|talk to (?:an? )?(?:agent|person|someone)"
    r"|speak (?:to|with) (?:an? )?(?:agent|person|someone)",
    re.I,
)
NOT_HELPED_RE = re.compile(
    r"没用|沒用|没有用|没帮助|没有帮助|没解决|没有解决|还是不行|还是没|不管用|不行啊|答非所问"
    r"|did ?n[o']t help|does ?n[o']t help|not helpful|useless"
    r"|still (?:not|doesn'?t|did ?n'?t|can'?t)"
    r"|that'?s not (?:it|what)|not what i asked",
    re.I,
)
FIRST_RE = re.compile(
    r"^\s*(?:1|一|第一个?|第1个?|(?:the )?first(?: one)?|a)\s*[.。!！]?\s*$", re.I
)
SECOND_RE = re.compile(
    r"^\s*(?:2|二|第二个?|第2个?|(?:the )?second(?: one)?|b)\s*[.。!！]?\s*$", re.I
)


class Action(StrEnum):
    ANSWER = "answer"
    CLARIFY = "clarify"
    HANDOVER = "handover"
    REFUSE = "refuse"
    RELAY = "relay"  # already with a person: the message goes to the ticket


class Reason(StrEnum):
    CONFIDENT = "confident"
    CLOSE_INTENTS = "close_intents"
    SECURITY = "security"
    EXPLICIT_REQUEST = "explicit_request"
    LOW_CONFIDENCE = "low_confidence"
    NOT_HELPED = "not_helped"
    SECOND_FAILURE = "second_failure"
    OUT_OF_SCOPE = "out_of_scope"
    HANDED_OVER = "handed_over"


@dataclass(frozen=True)
class Thresholds:
    handover_below: float = 0.35  # top probability under this: a person reads it
    answer_from: float = 0.55  # top probability from which an answer may go out
    margin: float = 0.2  # top two closer than this: ask which one
    security_from: float = 0.3  # any security intent this likely: safety steps + a person


@dataclass(frozen=True)
class State:
    handed_over: bool = False
    failed_attempts: int = 0
    last_action: str = ""
    last_intent: str = ""
    pending_options: tuple[str, ...] = ()


@dataclass(frozen=True)
class Decision:
    action: Action
    reason: Reason
    intent: str
    confidence: float
    options: tuple[str, ...] = field(default=())

    @property
    def failed(self) -> bool:
        return self.action == Action.CLARIFY or self.reason == Reason.NOT_HELPED


def asks_for_human(text: str) -> bool:
    return bool(HUMAN_RE.search(text))


def says_not_helped(text: str) -> bool:
    return bool(NOT_HELPED_RE.search(text))


def pick_option(text: str, options: Sequence[str]) -> str | None:
    """The option a customer chose by answering "1", "2", "第二个" ... to a clarifying question."""
    if len(options) >= 1 and FIRST_RE.match(text):
        return options[0]
    if len(options) >= 2 and SECOND_RE.match(text):
        return options[1]
    return None


def _security(intents: Sequence[IntentScore], floor: float) -> IntentScore | None:
    categories = intent_categories()
    hits = [s for s in intents if categories.get(s.intent) == "security" and s.probability >= floor]
    return hits[0] if hits else None


def _must_hand_over(
    intents: Sequence[IntentScore], text: str, state: State, thresholds: Thresholds, unhelpful: bool
) -> tuple[Action, Reason, IntentScore] | None:
    """The rules that send a message to a person whatever else it says."""
    top = intents[0]
    if state.handed_over:
        return Action.RELAY, Reason.HANDED_OVER, top
    if asks_for_human(text) or (
        top.intent == CONTACT_HUMAN and top.probability >= thresholds.handover_below
    ):
        return Action.HANDOVER, Reason.EXPLICIT_REQUEST, top
    security = _security(intents, thresholds.security_from)
    if security is not None:
        return Action.HANDOVER, Reason.SECURITY, security
    if unhelpful or (state.last_action == Action.ANSWER and says_not_helped(text)):
        topic = IntentScore(state.last_intent, top.probability) if state.last_intent else top
        return Action.HANDOVER, Reason.NOT_HELPED, topic
    if top.probability < thresholds.handover_below:
        return Action.HANDOVER, Reason.LOW_CONFIDENCE, top
    return None


def decide(
    intents: Sequence[IntentScore],
    *,
    text: str,
    state: State = State(),
    thresholds: Thresholds = Thresholds(),
    unhelpful: bool = False,
) -> Decision:
    """`intents` ranked best first (at least two). Rules in order; the first that holds wins.
    `unhelpful`: the customer answered "no" to "did this solve it?"."""
    top, second = intents[0], intents[1]

    def made(action: Action, reason: Reason, chosen: IntentScore = top, options=()) -> Decision:
        return Decision(action, reason, chosen.intent, chosen.probability, tuple(options))

    early = _must_hand_over(intents, text, state, thresholds, unhelpful)
    if early is not None:
        action, reason, chosen = early
        return made(action, reason, chosen)
    repeated = state.last_action == Action.ANSWER and state.last_intent == top.intent
    if state.failed_attempts + repeated >= FAILURES_BEFORE_HANDOVER:
        return made(Action.HANDOVER, Reason.SECOND_FAILURE)
    if top.intent == OUT_OF_SCOPE:
        return made(Action.REFUSE, Reason.OUT_OF_SCOPE)
    close = top.probability - second.probability < thresholds.margin
    if close or top.probability < thresholds.answer_from:
        if state.failed_attempts >= FAILURES_BEFORE_HANDOVER - 1:
            return made(Action.HANDOVER, Reason.SECOND_FAILURE)
        options = [s.intent for s in (top, second) if s.intent != OUT_OF_SCOPE]
        return made(Action.CLARIFY, Reason.CLOSE_INTENTS, options=options)
    return made(Action.ANSWER, Reason.CONFIDENT)
