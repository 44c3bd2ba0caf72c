"""The new part of a reply: quoted history and signatures cut for display (the full text is
kept). Pure."""

import re

# A line that starts the quoted history, in the mailers our customers use.
HISTORY_MARKERS = [
    re.compile(r"^On .{4,200}wrote:\s*$"),  # Gmail, Apple Mail, Thunderbird
    re.compile(r"^在 ?.{2,200}(写道|寫道)[:：]\s*$"),  # Chinese clients
    re.compile(r"^-{2,}\s*(Original Message|原始邮件|原始郵件|Forwarded message)\s*-{2,}", re.I),
    re.compile(r"^_{20,}\s*$"),  # Outlook's rule before "From: ... Sent: ..."
    re.compile(r"^\d{4}[-/年]\d{1,2}[-/月]\d{1,2}.{0,40}(<[^>]+>)?\s*(wrote|写道)[:：]?\s*$"),
]
QUOTED_FROM = re.compile(r"^\*?(From|发件人|寄件者)\*?[:：]\s*\S")
QUOTED_NEXT = re.compile(r"^\*?(Sent|Date|To|Subject|发送时间|日期|收件人|主题|寄件日期)\*?[:：]")
SIGNATURE_MARKERS = [
    re.compile(r"^-- ?$"),  # the standard "-- " delimiter
    re.compile(r"^(Sent from my |发自我的|從我的 |Get Outlook for )", re.I),
]


def _first(lines: list[str], patterns: list[re.Pattern[str]]) -> int | None:
    for index, line in enumerate(lines):
        if any(p.match(line.strip()) for p in patterns):
            return index
    return None


def _quoted_header(lines: list[str]) -> int | None:
    """A quoted message's header block: "From: …" followed closely by "Sent:"/"Date:"/…"""
    for index, line in enumerate(lines):
        if QUOTED_FROM.match(line.strip()) and any(
            QUOTED_NEXT.match(after.strip()) for after in lines[index + 1 : index + 4]
        ):
            return index
    return None


def _trailing_quote(lines: list[str]) -> int:
    """Where a trailing block of "> " lines (and blanks) starts."""
    end = len(lines)
    while end and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith(">")):
        end -= 1
    return end


def trim_reply(text: str) -> str:
    """The text without quoted history and signature; the whole text when nothing is left."""
    lines = text.replace("\r\n", "\n").split("\n")
    cut = len(lines)
    markers = (
        _first(lines, HISTORY_MARKERS),
        _quoted_header(lines),
        _first(lines, SIGNATURE_MARKERS),
    )
    for found in markers:
        if found is not None and found > 0:
            cut = min(cut, found)
    cut = min(cut, _trailing_quote(lines[:cut]))
    trimmed = "\n".join(lines[:cut]).strip()
    return trimmed or text.strip()
