"""Pure: cut a reply into pieces Telegram accepts (sendMessage takes at most 4,096 characters).

Telegram counts UTF-16 code units, so an emoji outside the BMP counts twice; we count the
same way. Cuts prefer a paragraph break, then a line break, then a space, and never split
a character. Whitespace-only pieces are dropped (Telegram refuses empty messages).
"""

MESSAGE_LIMIT = 4096
BREAKS = ("\n\n", "\n", " ")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    pieces: list[str] = []
    rest = text
    while utf16_len(rest) > limit:
        cut = _cut_point(rest, limit)
        pieces.append(rest[:cut])
        rest = rest[cut:]
    pieces.append(rest)
    return [p for p in pieces if p.strip()]


def _fit(text: str, limit: int) -> int:
    """How many characters of `text` fit in `limit` UTF-16 code units."""
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return index
    return len(text)


def _cut_point(text: str, limit: int) -> int:
    end = _fit(text, limit)
    window = text[:end]
    for mark in BREAKS:
        at = window.rfind(mark)
        if at > end // 2:  # do not make tiny pieces just to cut at a break
            return at + len(mark)
    return max(end, 1)
