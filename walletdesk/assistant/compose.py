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
        "handover": "I'm passing this to a support agent now ({reason}).",
        "ticket": "Your ticket is {number}; you can keep writing here.",
        "eta": "Expected first reply: within {duration}.",
        "eta_business": "Expected first reply: within {duration} of business time.",
        "safety": "Please do this right away:",
        "relay": "Added to your ticket {number}; the agent will answer here.",
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
        },
    },
    ZH_HANS: {
        "steps": "操作步骤：",
        "more": "完整指南",
        "related": "相关文章",
        "diagnosis": "链上查询结果：",
        "clarify": "为了给你准确的解答，请问下面哪一项更接近你的问题？",
        "clarify_one": "确认一下：你的问题是关于「{option}」吗？是的话请回复 1。",
        "handover": "我现在把你的问题转给人工客服（{reason}）。",
        "ticket": "你的工单号是 {number}，可以继续在这里留言。",
        "eta": "预计首次回复时间：{duration}内。",
        "eta_business": "预计首次回复时间：{duration}（工作时间）内。",
        "safety": "请立即按以下步骤操作：",
        "relay": "已补充到你的工单 {number}，客服会在这里回复你。",
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


def clarify_text(options: Sequence[str], *, language: str) -> str:
    p = phrases(language)
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


def refusal_text(*, language: str) -> str:
    return localize(phrases(language)["refuse"], language)


def relay_text(*, language: str, ticket_number: str) -> str:
    return localize(phrases(language)["relay"].format(number=ticket_number), language)
