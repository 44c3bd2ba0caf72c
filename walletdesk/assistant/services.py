"""The assistant's writes: start a conversation, reply to a customer message, take feedback."""

import time
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.db import transaction

from walletdesk.accounts.models import Customer
from walletdesk.assistant import compose, policy
from walletdesk.assistant.engine import Understanding, library, understand
from walletdesk.assistant.handover import (
    expected_wait,
    reply_post,
    ticket_hand_over,
    ticket_queue,
    ticket_status_set,
)
from walletdesk.assistant.intents import IntentScore
from walletdesk.assistant.knowledge import (
    Diagnose,
    Search,
    article_texts,
    article_url,
    diagnosis_facts,
    kb_search,
    placeholder_values,
)
from walletdesk.assistant.language import localize
from walletdesk.assistant.models import Conversation, Exchange
from walletdesk.core.clock import now
from walletdesk.core.conf import desk_setting
from walletdesk.guard.redaction import redact
from walletdesk.tickets.choices import Status
from walletdesk.tickets.models import Message

SAFETY_ARTICLE = {
    "stolen_funds": "funds-stolen-what-to-do",
    "seed_phrase_exposed": "mnemonic-exposed-move-assets",
    "phishing_and_scam_report": "report-phishing",
    "approvals_and_revoke": "revoke-approvals",
}
# What the customer's "no" to "did this solve it?" is recorded as.
NOT_HELPED_TEXT = {
    "en": "That did not help.",
    "zh-hans": "没有解决我的问题。",
    "zh-hant": "沒有解決我的問題。",
}
EXPOSED = "seed_phrase_exposed"  # the intent of a message that held a secret
FACT_ACTIONS = (policy.Action.ANSWER, policy.Action.HANDOVER)
OUTCOME_OF_ACTION = {
    policy.Action.HANDOVER: Exchange.Outcome.HANDED_OVER,
    policy.Action.RELAY: Exchange.Outcome.HANDED_OVER,
    policy.Action.CLOSE: Exchange.Outcome.RESOLVED,
}
# A channel's ticket after the assistant spoke: waiting on the customer, or solved.
TICKET_STATUS_AFTER = {
    policy.Action.ANSWER: Status.PENDING,
    policy.Action.CLARIFY: Status.PENDING,
    policy.Action.REFUSE: Status.PENDING,
    policy.Action.CLOSE: Status.RESOLVED,
}


@dataclass(frozen=True)
class Reply:
    text: str
    action: str
    reason: str
    intent: str
    confidence: float
    language: str
    articles: list[dict] = field(default_factory=list)  # {"slug", "title", "url"}
    ticket_number: str = ""
    exchange_id: int = 0


def thresholds() -> policy.Thresholds:
    cfg = settings.ASSISTANT
    return policy.Thresholds(
        handover_below=float(str(cfg["HANDOVER_BELOW"])),
        answer_from=float(str(cfg["ANSWER_FROM"])),
        margin=float(str(cfg["CLARIFY_MARGIN"])),
    )


@transaction.atomic
def conversation_start(
    *, customer: Customer, channel: str, language: str = "", metadata: dict | None = None
) -> Conversation:
    at = now()
    return Conversation.objects.create(
        customer=customer,
        channel=channel,
        language=language or customer.language,
        metadata=metadata or {},
        created_at=at,
        updated_at=at,
    )


def _exposed(understanding: Understanding) -> Understanding:
    """The message held a secret (now redacted): whatever else it says, the wallet is exposed."""
    rest = [IntentScore(s.intent, 0.0) for s in understanding.intents if s.intent != EXPOSED]
    return replace(understanding, intents=[IntentScore(EXPOSED, 1.0), *rest])


def _state(conversation: Conversation) -> policy.State:
    return policy.State(
        handed_over=conversation.status == Conversation.Status.HANDED_OVER,
        failed_attempts=conversation.failed_attempts,
        last_action=conversation.last_action,
        last_intent=conversation.last_intent,
        pending_options=tuple(conversation.pending_options),
    )


def _chosen(understanding: Understanding, conversation: Conversation, text: str):
    """The answer to a pending clarifying question becomes a certain intent."""
    picked = policy.pick_option(text, conversation.pending_options)
    if picked is None:
        return understanding.intents
    rest = [s for s in understanding.intents if s.intent != picked]
    return [IntentScore(picked, 1.0), *[IntentScore(s.intent, 0.0) for s in rest]]


def _decide(conversation: Conversation, understanding: Understanding, text: str, unhelpful: bool):
    intents = _chosen(understanding, conversation, text)
    state = _state(conversation)
    return policy.decide(
        intents, text=text, state=state, thresholds=thresholds(), unhelpful=unhelpful
    )


def _articles(decision: policy.Decision, understanding: Understanding) -> list[str]:
    """The understanding's articles when the decision kept its top intent, else the chosen
    intent's own articles."""
    if decision.intent == understanding.top.intent:
        return understanding.articles
    return library().for_intent(decision.intent)[:3]


def _links(slugs: list[str], language: str) -> tuple[list, list[compose.Link]]:
    """The articles' texts (the knowledge base's, else the content files') and their links."""
    values = placeholder_values()
    articles = article_texts(slugs, language)
    links = [
        compose.Link(
            a.slug, localize(compose.clean(a.title, values), language), article_url(a.slug)
        )
        for a in articles
    ]
    return articles, links


@dataclass
class Turn:
    """One message being answered: what was understood and decided, and the reply so far."""

    conversation: Conversation
    text: str
    understanding: Understanding
    decision: policy.Decision
    segment: str
    facts: list[str]
    articles: list[str]
    reply: str = ""
    links: list[compose.Link] = field(default_factory=list)  # the answer's articles
    ticket_number: str = ""
    inbound: Message | None = None  # the channel message being answered (its ticket exists)
    speak: bool = True  # whether the reply goes to the customer (the channel's mode)

    @property
    def language(self) -> str:
        return self.understanding.language.code


def _answer(turn: Turn) -> None:
    articles, turn.links = _links(turn.articles, turn.language)
    turn.reply = compose.answer_text(
        articles,
        turn.links,
        language=turn.language,
        segment=turn.segment,
        facts=turn.facts,
        values=placeholder_values(),
    )


def _hand_over(turn: Turn) -> None:
    c, u, d = turn.conversation, turn.understanding, turn.decision
    if turn.inbound is not None:
        result = ticket_queue(
            conversation=c, understanding=u, decision=d, facts=turn.facts, articles=turn.articles
        )
    else:
        result = ticket_hand_over(
            conversation=c,
            text=turn.text,
            understanding=u,
            decision=d,
            facts=turn.facts,
            articles=turn.articles,
        )
    turn.conversation.ticket = result.ticket
    turn.ticket_number = result.ticket.number
    if turn.decision.action == policy.Action.RELAY and not result.created:
        turn.reply = compose.relay_text(language=turn.language, ticket_number=turn.ticket_number)
        return
    safety = None
    if turn.decision.reason == policy.Reason.SECURITY:
        found = article_texts([SAFETY_ARTICLE.get(turn.decision.intent, "")], turn.language)
        safety = found[0] if found else None
    minutes, business = expected_wait(result.ticket)
    turn.reply = compose.handover_text(
        language=turn.language,
        reason=str(turn.decision.reason),
        ticket_number=turn.ticket_number,
        eta_minutes=minutes,
        business_hours=business,
        safety=safety,
        values=placeholder_values(),
    )


def _respond(turn: Turn) -> None:
    action = turn.decision.action
    if action == policy.Action.ANSWER:
        _answer(turn)
    elif action == policy.Action.CLARIFY:
        vague = turn.decision.reason == policy.Reason.VAGUE
        turn.reply = compose.clarify_text(
            turn.decision.options, language=turn.language, vague=vague
        )
    elif action == policy.Action.REFUSE:
        greeting = turn.decision.reason == policy.Reason.GREETING
        turn.reply = compose.refusal_text(language=turn.language, greeting=greeting)
    elif action == policy.Action.CLOSE:
        turn.reply = compose.closing_text(language=turn.language)
    else:
        _hand_over(turn)
    if not turn.speak:
        turn.reply = ""


def _channel_effects(turn: Turn) -> None:
    """On a channel: the reply goes out on the ticket, and the ticket waits on the customer,
    is solved, or (handed over) is already back in its team's queue."""
    ticket = turn.conversation.ticket
    if turn.inbound is None or ticket is None:
        return
    if turn.reply:
        reply_post(ticket=ticket, text=turn.reply)
    status = TICKET_STATUS_AFTER.get(turn.decision.action)
    if status is not None and turn.speak:
        ticket_status_set(ticket, status, f"assistant {turn.decision.action}")


def _record(turn: Turn, latency_ms: float) -> Exchange:
    decision = turn.decision
    return Exchange.objects.create(
        conversation=turn.conversation,
        message=turn.inbound,
        text=redact(turn.text).text,
        reply=turn.reply,
        language=turn.language,
        intent=decision.intent,
        confidence=decision.confidence,
        action=decision.action,
        reason=decision.reason,
        entities=turn.understanding.entities.as_dict(),
        articles=turn.articles if decision.action == policy.Action.ANSWER else [],
        facts=turn.facts,
        outcome=OUTCOME_OF_ACTION.get(decision.action, Exchange.Outcome.OPEN),
        latency_ms=latency_ms,
        created_at=now(),
    )


def _feedback_in_words(c: Conversation, decision: policy.Decision) -> None:
    """ "Thanks, solved" resolves the conversation and marks the answer helpful; "that did not
    help" marks it unhelpful (the knowledge-gap report reads it)."""
    helped = {policy.Reason.RESOLVED: True, policy.Reason.NOT_HELPED: False}.get(decision.reason)
    if helped is None:
        return
    answered = c.exchanges.filter(action=policy.Action.ANSWER).order_by("-id").first()
    if answered is not None and answered.helpful is None:
        Exchange.objects.filter(id=answered.id).update(helpful=helped)
    if decision.action == policy.Action.CLOSE:
        c.status = Conversation.Status.RESOLVED
        c.exchanges.filter(outcome=Exchange.Outcome.OPEN).update(outcome=Exchange.Outcome.RESOLVED)


def _advance(turn: Turn) -> None:
    """The conversation's state after this turn."""
    c, decision = turn.conversation, turn.decision
    repeated = (
        decision.action == policy.Action.ANSWER
        and c.last_action == policy.Action.ANSWER
        and c.last_intent == decision.intent
    )
    c.failed_attempts += int(decision.action == policy.Action.CLARIFY or repeated)
    c.last_action = decision.action
    if decision.intent not in (policy.CONTACT_HUMAN, policy.OUT_OF_SCOPE):
        c.last_intent = decision.intent
    c.pending_options = list(decision.options) if decision.action == policy.Action.CLARIFY else []
    if decision.action in (policy.Action.HANDOVER, policy.Action.RELAY):
        c.status = Conversation.Status.HANDED_OVER
    _feedback_in_words(c, decision)
    c.language = turn.language
    c.updated_at = now()
    c.save()


def assistant_reply(
    *,
    conversation: Conversation,
    text: str,
    segment: str = "",
    search: Search = kb_search,
    diagnose: Diagnose = diagnosis_facts,
    unhelpful: bool = False,
    inbound: Message | None = None,
    mode: policy.Mode = policy.Mode.AUTO,
) -> Reply:
    """Understand a customer message, decide, and answer, clarify, refuse or hand over.
    `search` and `diagnose` are the knowledge-base search and the chain diagnosis;
    `unhelpful` marks the customer's "no, that did not solve it". `inbound`: the message as
    stored by a channel's intake on the conversation's ticket; `mode` is that channel's."""
    started = time.perf_counter()
    redaction = redact(text)  # no secret reaches search, entities, chain look-ups or records
    text = redaction.text
    understanding = understand(text, fallback_language=conversation.language, search=search)
    if redaction.findings:
        understanding = _exposed(understanding)
    facts = diagnose(text, understanding.language.code) if understanding.entities.tx_hashes else []
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
        decision, speak = _decide(conversation, understanding, text, unhelpful), True
        if inbound is not None:
            decision, speak = policy.apply_mode(
                decision,
                mode=mode,
                earlier_turns=conversation.exchanges.count(),
                auto_reply_from=float(desk_setting("ASSISTANT_AUTO_REPLY_FROM")),
            )
        turn = Turn(
            conversation=conversation,
            text=text,
            understanding=understanding,
            decision=decision,
            segment=segment or conversation.customer.segment,
            facts=facts if decision.action in FACT_ACTIONS else [],
            articles=_articles(decision, understanding),
            inbound=inbound,
            speak=speak,
        )
        _respond(turn)
        _channel_effects(turn)
        exchange = _record(turn, (time.perf_counter() - started) * 1000)
        _advance(turn)
    return _reply_of(turn, exchange)


def _reply_of(turn: Turn, exchange: Exchange) -> Reply:
    links = turn.links if turn.decision.action == policy.Action.ANSWER else []
    return Reply(
        text=turn.reply,
        action=str(turn.decision.action),
        reason=str(turn.decision.reason),
        intent=turn.decision.intent,
        confidence=round(turn.decision.confidence, 4),
        language=turn.language,
        articles=[{"slug": x.slug, "title": x.title, "url": x.url} for x in links],
        ticket_number=turn.ticket_number,
        exchange_id=exchange.id,
    )


def _last_exchange(conversation: Conversation) -> Exchange | None:
    return conversation.exchanges.order_by("-id").first()


def assistant_feedback(*, conversation: Conversation, helpful: bool) -> Reply | None:
    """ "Did this solve it?" Yes resolves the conversation; no hands it over to a person."""
    exchange = _last_exchange(conversation)
    if exchange is None:
        return None
    if helpful:
        with transaction.atomic():
            exchange.helpful = True
            exchange.outcome = Exchange.Outcome.RESOLVED
            exchange.save(update_fields=["helpful", "outcome"])
            conversation.status = Conversation.Status.RESOLVED
            conversation.updated_at = now()
            conversation.save(update_fields=["status", "updated_at"])
        return None
    Exchange.objects.filter(id=exchange.id).update(helpful=False)
    text = NOT_HELPED_TEXT.get(exchange.language, NOT_HELPED_TEXT["en"])
    return assistant_reply(conversation=conversation, text=text, unhelpful=True)
