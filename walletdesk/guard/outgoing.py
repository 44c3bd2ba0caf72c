"""Pure: what is wrong with an agent's reply or a knowledge-base article before it goes out.

A text must not ask for a recovery phrase / private key, contain one, or link to a blocked
or look-alike domain. Warnings ("we will never ask for your seed phrase") are fine.
"""

import re
from dataclasses import dataclass

from walletdesk.guard import texts
from walletdesk.guard.phishing import Registry, Verdict, flag_links
from walletdesk.guard.redaction import redact

_TERMS_EN = (
    r"(?:seed|recovery|secret|backup|mnemonic|wallet)[\s-]*(?:phrase|words?)|mnemonics?|"
    r"\b(?:12|24|twelve|twenty[\s-]four)[\s-]*(?:word|words)\b|private[\s-]*keys?|"
    r"secret[\s-]*keys?|keystore(?:\s+file)?|\bseed\b"
)
_US = r"(?:us|me|our\s+(?:team|support|agents?|staff|engineers?)|the\s+(?:agent|support|team))"
_GIVE = r"send|share|give|provide|tell|show|forward|dm|message|e-?mail|submit|upload|hand"
_PUT = r"enter|type|paste|input|fill\s+in|submit|upload|confirm|verify|sync|validate"
_WHERE = (
    r"here|below|in\s+(?:this|the)\s+(?:chat|form|link|page|box|field)|"
    r"on\s+(?:this|the|our)\s+(?:site|website|page|form|link)|via\s+(?:the|this)\s+link"
)
_ASK_EN = (
    rf"\b(?:{_GIVE})\s+(?:it\s+|them\s+|\S+\s+){{0,5}}(?:to\s+|with\s+)?{_US}\b|"
    rf"\b(?:{_GIVE}|{_PUT})\s+{_US}\b|"
    rf"\b(?:please|kindly|pls|plz)\s+(?:{_GIVE})\b|"
    rf"\b(?:{_PUT})\b.*\b(?:{_WHERE})\b|"
    r"\breply\s+with\b|\b(?:we|i)\s+(?:need|require|must\s+have|will\s+need)\b|"
    r"\bwhat(?:\s+is|'s)\s+your\b|\bcan\s+you\s+(?:send|share|give|provide|tell)\b"
)
_NOT_EN = (
    r"\b(?:never|not|don't|dont|do\s+not|no\s+one|nobody|won't|will\s+not|cannot|can't|"
    r"beware|scams?|fake|phishing|fraud)\b"
)
_TERMS_ZH = r"助记词|私钥|密钥|恢复短语|种子短语|keystore|钱包密码短语|12个单词|24个单词"
_US_ZH = r"(?:我|我们|客服|工作人员|技术人员|专员|官方)"
_ASK_ZH = (
    rf"(?:发|发送|提供|告诉|给|交|私信|复制|转发|报)(?:一下)?给?{_US_ZH}|"
    r"请(?:您|你)?(?:先)?(?:提供|发送|上传|填写|告知|报一下|发一下|私信)|"
    r"请(?:您|你)?(?:把|将)[^，。！？]{0,12}(?:发|提供|告诉|截图|上传|填写|输入)|"
    r"在[^，。！？]{0,6}(?:此|这里|下方|下面|表单|链接|网页|页面|对话框|聊天)[^，。！？]{0,4}"
    r"(?:输入|填写|粘贴|提交)|"
    r"(?:你|您)的(?:助记词|私钥|密钥)是(?:什么|多少)"
)
_NOT_ZH = (
    r"不要|切勿|请勿|勿|绝不|不会|从不|从未|无需|不需要|千万|禁止|谨防|骗局|诈骗|骗子|钓鱼|仿冒|"
    r"假冒|冒充"
)

SENTENCE_RE = re.compile(r"[^.!?。！？\n]+[.!?。！？]?")
SECRET_RE = re.compile(f"{_TERMS_EN}|{_TERMS_ZH}", re.I)
ASK_RE = re.compile(f"{_ASK_EN}|{_ASK_ZH}", re.I)
NOT_RE = re.compile(f"{_NOT_EN}|{_NOT_ZH}", re.I)


@dataclass(frozen=True, slots=True)
class ReplyProblem:
    code: str  # asks_for_secret | contains_secret | blocked_link | lookalike_link
    message: str  # in the requested language
    explanation: dict[str, str]  # both languages
    start: int
    end: int


def _problem(code: str, language: str, start: int, end: int, **fmt) -> ReplyProblem:
    table = texts.REPLY_PROBLEMS[code]
    both = {lang: table[lang].format(**fmt) for lang in (texts.EN, texts.ZH)}
    return ReplyProblem(code, texts.pick(both, language), both, start, end)


def _asks_for_secret(text: str) -> list[tuple[int, int]]:
    spans = []
    for sentence in SENTENCE_RE.finditer(text):
        chunk = sentence.group()
        if SECRET_RE.search(chunk) and ASK_RE.search(chunk) and not NOT_RE.search(chunk):
            spans.append(sentence.span())
    return spans


def reply_problems(
    text: str, language: str = texts.EN, *, registry: Registry | None = None
) -> list[ReplyProblem]:
    """Every reason to block this outgoing text; empty when it may be sent."""
    problems = [_problem("asks_for_secret", language, *span) for span in _asks_for_secret(text)]
    problems += [
        _problem("contains_secret", language, f.start, f.end) for f in redact(text).findings
    ]
    for link in flag_links(text, registry or Registry()):
        code = "blocked_link" if link.verdict is Verdict.BLOCKED else "lookalike_link"
        problems.append(_problem(code, language, link.start, link.end, host=link.host))
    return problems
