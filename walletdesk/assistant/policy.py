"""What the assistant does with a message (pure): answer, ask one clarifying question, hand
over to a person, or politely refuse. Rules on plain data; the service applies the result."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from walletdesk.assistant import vague
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
    r"|that'?s not (?:it|what)|not what i asked"
    r"|^\s*(?:no|nope|nah|不|不是|没有|不对|不行)\s*[.!。！,，]*\s*$",
    re.I,
)
# "Thanks, that solved it" after an answer: short, and no "but" or "still".
RESOLVED_RE = re.compile(
    r"谢谢|多谢|感谢|解决了|好了|可以了|搞定|明白了|懂了|收到了|到账了"
    r"|\b(?:thanks?|thank you|thx|ty|solved|resolved|fixed|got it|perfect|works now|it works"
    r"|that (?:worked|helped|did it)|all good|yes(?: it did)?|yep)\b",
    re.I,
)
BUT_RE = re.compile(r"但|可是|不过|还是|还没|\b(?:but|still|however|not|n't)\b|n't", re.I)
RESOLVED_MAX_CHARS = 40
FIRST_RE = re.compile(
    r"^\s*(?:1|一|第一个?|第1个?|(?:the )?first(?: one)?|a)\s*[.。!！]?\s*$", re.I
)
SECOND_RE = re.compile(
    r"^\s*(?:2|二|第二个?|第2个?|(?:the )?second(?: one)?|b)\s*[.。!！]?\s*$", re.I
)


class Action(StrEnum):
    ANSWER = "answer"
    CLOSE = "close"  # the customer says the answer solved it
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
    GREETING = "greeting"  # out of scope, but a hello: say what the assistant can do
    VAGUE = "vague"  # too few words to act on: ask what happened
    HANDED_OVER = "handed_over"
    RESOLVED = "resolved"
    SUGGESTED = "suggested"  # the channel lets the assistant only suggest to the agent


class Mode(StrEnum):
    """What the assistant may do on a channel (setting WALLETDESK_ASSISTANT_CHANNELS)."""

    AUTO = "auto"  # answer, clarify, refuse and hand over, talking to the customer
    CONFIDENT = "confident"  # one confident answer or safety steps; else a note for the agent
    SUGGEST = "suggest"  # never writes to the customer: a note for the agent
    OFF = "off"


@dataclass(frozen=True)
class Thresholds:
    handover_below: float = 0.35  # top probability under this: a person reads it
    answer_from: float = 0.65  # top probability from which an answer may go out
    margin: float = 0.2  # top two closer than this: ask which one
    security_from: float = 0.2  # any security intent this likely: safety steps + a person
    security_sure: float = 0.85  # ...but a vague message needs this much, else one question
    vague_sure: float = 0.9  # a vague message is answered or refused only from this


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


def says_resolved(text: str) -> bool:
    short = len(text.strip()) <= RESOLVED_MAX_CHARS
    return short and bool(RESOLVED_RE.search(text)) and not BUT_RE.search(text)


def pick_option(text: str, options: Sequence[str]) -> str | None:
    """The option a customer chose by answering "1", "2", "第二个" ... to a clarifying question."""
    if len(options) >= 1 and FIRST_RE.match(text):
        return options[0]
    if len(options) >= 2 and SECOND_RE.match(text):
        return options[1]
    return None


def _sure(top: IntentScore, text: str, thresholds: Thresholds) -> bool:
    """Whether a vague message may still be acted on: the classifier is sure, and (unless it
    is sure the message is chit-chat) the message has at least one word naming a topic."""
    if top.probability < thresholds.vague_sure:
        return False
    return top.intent == OUT_OF_SCOPE or not vague.is_empty(text)


def is_vague_message(text: str, state: State) -> bool:
    """Too few words to act on, unless it picks an option of a pending question."""
    if state.pending_options and pick_option(text, state.pending_options) is not None:
        return False
    return vague.is_vague(text)


def _security_mass(intents: Sequence[IntentScore]) -> float:
    """How likely the message is about security at all (stolen, scam, exposed ... added up)."""
    categories = intent_categories()
    return sum(s.probability for s in intents if categories.get(s.intent) == "security")


def _security(intents: Sequence[IntentScore], floor: float) -> IntentScore | None:
    categories = intent_categories()
    hits = [s for s in intents if categories.get(s.intent) == "security" and s.probability >= floor]
    return hits[0] if hits else None


def _must_hand_over(
    intents: Sequence[IntentScore],
    text: str,
    state: State,
    thresholds: Thresholds,
    unhelpful: bool,
    vague_: bool,
) -> tuple[Action, Reason, IntentScore] | None:
    """The rules that hold whatever else the message says: relay, a person, safety, "that
    did not help", "thanks, solved", low confidence."""
    top = intents[0]
    if state.handed_over:
        return Action.RELAY, Reason.HANDED_OVER, top
    if asks_for_human(text) or (
        top.intent == CONTACT_HUMAN and top.probability >= thresholds.handover_below
    ):
        return Action.HANDOVER, Reason.EXPLICIT_REQUEST, top
    security = _security(intents, thresholds.security_from)
    sure = _security_mass(intents) >= thresholds.security_sure
    if security is not None and (not vague_ or sure):
        return Action.HANDOVER, Reason.SECURITY, security
    if unhelpful or (state.last_action == Action.ANSWER and says_not_helped(text)):
        topic = IntentScore(state.last_intent, top.probability) if state.last_intent else top
        return Action.HANDOVER, Reason.NOT_HELPED, topic
    if state.last_action == Action.ANSWER and says_resolved(text):
        topic = IntentScore(state.last_intent, 1.0) if state.last_intent else top
        return Action.CLOSE, Reason.RESOLVED, topic
    if vague_ and not _sure(top, text, thresholds):
        return None  # one question first (decide), even at low confidence
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

    vague_ = is_vague_message(text, state)
    early = _must_hand_over(intents, text, state, thresholds, unhelpful, vague_)
    if early is not None:
        action, reason, chosen = early
        return made(action, reason, chosen)
    repeated = state.last_action == Action.ANSWER and state.last_intent == top.intent
    if state.failed_attempts + repeated >= FAILURES_BEFORE_HANDOVER:
        return made(Action.HANDOVER, Reason.SECOND_FAILURE)
    if vague.is_greeting(text):
        return made(Action.REFUSE, Reason.GREETING)
    if vague_ and not _sure(top, text, thresholds):
        if state.failed_attempts >= FAILURES_BEFORE_HANDOVER - 1:
            return made(Action.HANDOVER, Reason.SECOND_FAILURE)
        options = [
            s.intent for s in intents[:2] if s.intent != OUT_OF_SCOPE and s.probability >= 0.1
        ]
        return made(Action.CLARIFY, Reason.VAGUE, options=options)
    if top.intent == OUT_OF_SCOPE:
        return made(Action.REFUSE, Reason.OUT_OF_SCOPE)
    close = top.probability - second.probability < thresholds.margin
    if close or top.probability < thresholds.answer_from:
        if state.failed_attempts >= FAILURES_BEFORE_HANDOVER - 1:
            return made(Action.HANDOVER, Reason.SECOND_FAILURE)
        options = [s.intent for s in (top, second) if s.intent != OUT_OF_SCOPE]
        return made(Action.CLARIFY, Reason.CLOSE_INTENTS, options=options)
    return made(Action.ANSWER, Reason.CONFIDENT)


def apply_mode(
    decision: Decision, *, mode: Mode, earlier_turns: int, auto_reply_from: float
) -> tuple[Decision, bool]:
    """The decision as the channel's mode allows it, and whether the customer is written to.
    `confident`: only a first answer at `auto_reply_from` or more, or a security handover's
    safety steps, go to the customer; everything else goes to a person with a note."""
    if mode == Mode.AUTO:
        return decision, True
    if mode == Mode.CONFIDENT:
        if decision.action == Action.HANDOVER and decision.reason == Reason.SECURITY:
            return decision, True
        confident = decision.action == Action.ANSWER and decision.confidence >= auto_reply_from
        if confident and earlier_turns == 0:
            return decision, True
        if decision.action in (Action.HANDOVER, Action.CLOSE):
            return decision, False
    return Decision(Action.HANDOVER, Reason.SUGGESTED, decision.intent, decision.confidence), False
