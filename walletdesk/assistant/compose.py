"""The words of a reply (pure). Answers quote knowledge-base text and diagnosis facts only;
the glue sentences below are the assistant's own and promise nothing about funds."""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from walletdesk.assistant.language import EN, ZH_HANS, localize
from walletdesk.assistant.library import ArticleText
from walletdesk.core.taxonomy import taxonomy

PLACEHOLDER_RE = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
MARKUP_RE = re.compile(r"\*\*|__|`")
STEPS_FOR_SEGMENT = {"novice": 99, "regular": 4, "pro": 0}

PHRASES = {
    EN: {
        "steps": "What to do:",
        "more": "Full guide",
        "related": "See also",
        "diagnosis": "What the blockchain shows:",
        "clarify": "To point you to the right answer, which of these is closest?",
        "clarify_one": "Just to be sure: is your question about {option}? Reply 1 if so.",
        "vague": (
            "Could you tell me a little more? What were you trying to do, which coin and "
            "network, and what do you see (an error message, the transaction hash)?"
        ),
        "vague_options": "Or is it one of these? Reply with the number.",
        "greeting": (
            "Hello! I'm the support assistant. I can help with using the wallet, transfers, "
            "fees and your account. What can I do for you?"
        ),
        "handover": "I'm passing this to a support agent now ({reason}).",
        "ticket": "Your ticket is {number}; you can keep writing here.",
        "eta": "Expected first reply: within {duration}.",
        "eta_business": "Expected first reply: within {duration} of business time.",
        "safety": "Please do this right away:",
        "relay": "Added to your ticket {number}; the agent will answer here.",
        "resolved": "Glad that solved it. If anything else comes up, just write here.",
        "abandoned": (
            "I haven't heard back, so I'm closing this conversation. "
            "If you still need help, just write here again."
        ),
        "refuse": (
            "Sorry, I can only help with using the wallet, transfers and your account. "
            "I can't give price predictions, investment advice or chat about other topics."
        ),
        "reasons": {
            "security": "security matters are always handled by a person",
            "explicit_request": "you asked for a person",
            "low_confidence": "I'm not sure I understood",
            "not_helped": "my answer did not solve it",
            "second_failure": "I could not find the right answer",
            "abandoned": "so that your question is not left open",
        },
    },
    ZH_HANS: {
        "steps": "操作步骤：",
        "more": "完整指南",
        "related": "相关文章",
        "diagnosis": "链上查询结果：",
        "clarify": "为了给你准确的解答，请问下面哪一项更接近你的问题？",
        "clarify_one": "确认一下：你的问题是关于「{option}」吗？是的话请回复 1。",
        "vague": (
            "能再具体说一下吗？你当时在做什么操作、是哪个币种和网络、"
            "看到了什么（报错信息、交易哈希）？"
        ),
        "vague_options": "或者是下面哪一种情况？请回复序号。",
        "greeting": (
            "你好！我是客服助手，可以帮你解答钱包使用、转账、手续费和账户相关的问题。"
            "请问有什么可以帮你？"
        ),
        "handover": "我现在把你的问题转给人工客服（{reason}）。",
        "ticket": "你的工单号是 {number}，可以继续在这里留言。",
        "eta": "预计首次回复时间：{duration}内。",
        "eta_business": "预计首次回复时间：{duration}（工作时间）内。",
        "safety": "请立即按以下步骤操作：",
        "relay": "已补充到你的工单 {number}，客服会在这里回复你。",
        "resolved": "很高兴问题已解决。如果还有其他问题，随时在这里留言。",
        "abandoned": "一段时间没有收到你的回复，这次对话先结束了。如仍需帮助，随时在这里留言。",
        "refuse": (
            "抱歉，我只能解答钱包使用、转账和账户相关的问题，"
            "无法提供价格预测、投资建议，也不能闲聊其他话题。"
        ),
        "reasons": {
            "security": "安全问题一律由人工处理",
            "explicit_request": "你要求人工服务",
            "low_confidence": "我不确定是否理解了你的问题",
            "not_helped": "刚才的解答没有解决问题",
            "second_failure": "我没能找到合适的解答",
            "abandoned": "以免你的问题无人跟进",
        },
    },
}


@dataclass(frozen=True)
class Link:
    slug: str
    title: str
    url: str


def phrases(language: str) -> dict:
    return PHRASES[ZH_HANS if language.startswith("zh") else EN]


def clean(text: str, values: Mapping[str, str]) -> str:
    """Article text for a chat bubble: placeholders filled, emphasis markers dropped."""
    filled = PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), m.group(0)), text)
    return MARKUP_RE.sub("", filled)


def intent_label(intent: str, language: str) -> str:
    key = "zh" if language.startswith("zh") else "en"
    for item in taxonomy()["intents"]:
        if item["slug"] == intent:
            return item[key]
    return intent


def duration_text(minutes: int, language: str) -> str:
    zh = language.startswith("zh")
    if minutes < 120:
        return f"{minutes} 分钟" if zh else f"{minutes} minutes"
    hours = round(minutes / 60)
    return f"{hours} 小时" if zh else f"{hours} hours"


def _numbered(steps: Sequence[str], values: Mapping[str, str]) -> list[str]:
    return [f"{i}. {clean(step, values)}" for i, step in enumerate(steps, 1)]


def answer_text(
    articles: Sequence[ArticleText],
    links: Sequence[Link],
    *,
    language: str,
    segment: str,
    facts: Sequence[str] = (),
    values: Mapping[str, str],
) -> str:
    """The best article's summary and steps (as many as the segment wants), its link,
    then links to the next articles; diagnosis facts first when there are any."""
    p = phrases(language)
    best = articles[0]
    lines: list[str] = []
    if facts:
        lines += [p["diagnosis"], *facts, ""]
    lines.append(clean(best.summary or best.title, values))
    steps = best.steps[: STEPS_FOR_SEGMENT.get(segment, 99)]
    if steps:
        lines += ["", p["steps"], *_numbered(steps, values)]
    lines += ["", f"{p['more']}: {links[0].title} {links[0].url}"]
    if len(links) > 1:
        lines.append(p["related"] + ": " + "; ".join(f"{x.title} {x.url}" for x in links[1:]))
    return localize("\n".join(lines), language)


def clarify_text(options: Sequence[str], *, language: str, vague: bool = False) -> str:
    """One question: which of two topics, or (a vague message) what happened."""
    p = phrases(language)
    if vague:
        labels = [f"{i}. {intent_label(o, language)}" for i, o in enumerate(options, 1)]
        lines = [p["vague"], *([p["vague_options"], *labels] if labels else [])]
        return localize("\n".join(lines), language)
    if len(options) == 1:
        text = p["clarify_one"].format(option=intent_label(options[0], language))
    else:
        labels = [f"{i}. {intent_label(o, language)}" for i, o in enumerate(options, 1)]
        text = "\n".join([p["clarify"], *labels])
    return localize(text, language)


def handover_text(
    *,
    language: str,
    reason: str,
    ticket_number: str,
    eta_minutes: int | None,
    business_hours: bool = False,
    safety: ArticleText | None = None,
    values: Mapping[str, str],
) -> str:
    """Safety steps first (security), then who takes over, the ticket and the expected wait."""
    p = phrases(language)
    lines: list[str] = []
    if safety is not None and safety.steps:
        lines += [p["safety"], *_numbered(safety.steps[:3], values), ""]
    lines.append(p["handover"].format(reason=p["reasons"].get(reason, reason)))
    lines.append(p["ticket"].format(number=ticket_number))
    if eta_minutes:
        key = "eta_business" if business_hours else "eta"
        lines.append(p[key].format(duration=duration_text(eta_minutes, language)))
    return localize("\n".join(lines), language)


def refusal_text(*, language: str, greeting: bool = False) -> str:
    return localize(phrases(language)["greeting" if greeting else "refuse"], language)


def relay_text(*, language: str, ticket_number: str) -> str:
    return localize(phrases(language)["relay"].format(number=ticket_number), language)


def closing_text(*, language: str, abandoned: bool = False) -> str:
    """The last word of a conversation: solved, or closed after the customer went silent."""
    return localize(phrases(language)["abandoned" if abandoned else "resolved"], language)
