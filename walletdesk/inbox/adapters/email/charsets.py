"""Text from bytes whose charset label may be missing, misspelt or wrong. Pure.

Labels are mapped to the superset real mailers actually use (gb2312 -> gb18030,
ks_c_5601-1987 -> cp949, big5 -> big5hkscs, shift_jis -> cp932, latin-1 -> cp1252).
Bytes that are valid UTF-8 are read as UTF-8 whatever the label says; when the label fails,
charset-normalizer guesses; as a last resort undecodable bytes become U+FFFD.
"""

import codecs
from functools import lru_cache

from charset_normalizer import from_bytes

SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "euc-cn": "gb18030",
    "cp936": "gb18030",
    "chinese": "gb18030",
    "csgb2312": "gb18030",
    "ks_c_5601-1987": "cp949",
    "ks_c_5601": "cp949",
    "ksc5601": "cp949",
    "euc-kr": "cp949",
    "x-windows-949": "cp949",
    "big5": "big5hkscs",
    "x-big5": "big5hkscs",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "iso-2022-jp": "iso2022_jp_2",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "iso-8859-8-i": "iso-8859-8",
    "tis-620": "cp874",
    "windows-874": "cp874",
    "utf8": "utf-8",
    "unicode-1-1-utf-7": "utf-7",
}
UNKNOWN = {"", "unknown-8bit", "x-unknown", "unknown", "default", "x-user-defined", "charset"}


@lru_cache(maxsize=256)
def codec_for(label: str | None) -> str | None:
    """A Python codec for a MIME charset label, or None when we must guess."""
    name = (label or "").strip().strip("\"'").lower()
    if name in UNKNOWN:
        return None
    name = SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


LONG_ENOUGH = 64  # non-ASCII bytes from which charset-normalizer's statistics are trusted


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"


def _kana(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff"


def _hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3" or "\u3130" <= ch <= "\u318f"


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _mostly(text: str, test) -> bool:  # type: ignore[no-untyped-def]
    wide = [ch for ch in text if ord(ch) > 127 and not ch.isspace()]
    return bool(wide) and sum(1 for ch in wide if test(ch)) >= 0.9 * len(wide)


# For short unlabelled text: the first codec that decodes strictly into plausible script wins.
SHORT_CANDIDATES = (
    ("gb18030", _in_gb2312),
    ("big5hkscs", _cjk),
    ("cp932", lambda ch: _kana(ch) or _cjk(ch)),
    ("cp949", lambda ch: _hangul(ch) or _cjk(ch)),
    ("cp1252", lambda ch: True),
)


def _guess(data: bytes) -> str | None:
    if sum(1 for b in data if b > 127) >= LONG_ENOUGH:
        best = from_bytes(data).best()
        if best is not None:
            return str(best)
    for codec, plausible in SHORT_CANDIDATES:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _mostly(text, plausible):
            return text
    return None


def text_from_bytes(data: bytes, label: str | None = None) -> str:
    """Decode `data` labelled `label` as well as can be done; never raises."""
    codec = codec_for(label)
    if data.isascii() and codec not in {"utf-7", "iso2022_jp_2", "hz"}:
        return data.decode("ascii")
    if codec != "utf-8" and not data.isascii():
        try:
            return data.decode("utf-8")  # valid UTF-8 is almost never anything else
        except UnicodeDecodeError:
            pass
    if codec is not None:
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            pass
    guessed = _guess(data)
    if guessed is not None:
        return guessed
    return data.decode(codec or "utf-8", "replace")
