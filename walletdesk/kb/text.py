"""Search text analysis (pure): the same tokens at index time and at query time.

Chinese runs are segmented with jieba (its own Tokenizer, loaded once with the wallet user
dictionary in data/userdict.txt); Latin words are lowercased and stemmed with PyStemmer.
Traditional Chinese is folded to Simplified first, so zh-hant readers search the same index.
"""

import logging
import re
from functools import cache
from pathlib import Path

USERDICT = Path(__file__).with_name("data") / "userdict.txt"
MAX_TOKEN = 32  # longer tokens are hashes, addresses or keys: never useful search terms
_WORD = re.compile(r"[0-9a-z]+|[\u3400-\u9fff]+")
_LATIN = re.compile(r"^[0-9a-z]+$")
_DIGITS = re.compile(r"^[0-9]+$")
_CJK = re.compile(r"[\u3400-\u9fff]")

_EN_STOP_WORDS = """
    a an and are as at be been but by can could did do does doing for from had has have
    how i if in into is it its me my of on or our so than that the their them then there these
    they this to too was we were what when where which who why will with would you your
    im ive dont didnt cant isnt wont hasnt havent please help hi hello thanks thank just still
    get got also any some"""
_ZH_STOP_WORDS = """
    的 了 吗 呢 啊 吧 呀 哦 嘛 我 我的 你 你们 您 他 她 它 是 在 和 与 就 都 也 还 把 被 给 让
    这 那 这个 那个 一个 一下 一直 什么 怎么 怎么办 怎样 为什么 如何 请问 请 可以 能 会 要 想
    已经 现在 然后 但是 但 所以 因为 如果 还是 或者 有 没 不 又 对 从 到 上 下 里 中 个 说 看
    过 自己 别人 不小心 帮 帮忙 谢谢 你好 ， 。 ？ ！"""
EN_STOP = frozenset(_EN_STOP_WORDS.split())
ZH_STOP = frozenset(_ZH_STOP_WORDS.split())
# Wallet vocabulary that users spell in different ways; each query word also searches these.
SYNONYMS = {
    "seed": ("mnemon",),
    "phrase": ("mnemon",),
    "recoveri": ("mnemon",),
    "助记": ("助记词",),
    "种子": ("助记词",),
    "种子词": ("助记词",),
    "恢复短语": ("助记词",),
    "转帐": ("转账",),
    "汇款": ("转账",),
    "提币": ("提现", "转账"),
    "冲值": ("充值",),
    "矿工费": ("手续费", "gas"),
    "油费": ("gas", "手续费"),
    "gwei": ("gas",),
    "fee": ("gas",),
    "冷钱包": ("硬件钱包",),
    "观察": ("观察钱包",),
    "授权": ("approv",),
    "approv": ("revok",),
    "波场": ("tron",),
    "tron": ("trx",),
    "以太坊": ("eth", "ethereum"),
    "币安": ("bnb", "bsc"),
    "bsc": ("bnb",),
    "matic": ("polygon",),
    "k线": ("行情",),
    "kline": ("chart",),
    "candlestick": ("chart",),
    "骗子": ("诈骗",),
    "scammer": ("scam",),
    "stolen": ("stolen", "drain"),
    "drain": ("stolen",),
    "hack": ("stolen",),
    "被盗": ("盗走",),
    "转走": ("转出", "被盗"),
    "偷": ("被盗",),
}


@cache
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(USERDICT))
    return tokenizer


@cache
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


@cache
def _opencc(config: str):
    from opencc import OpenCC

    return OpenCC(config)


def to_simplified(text: str) -> str:
    return _opencc("t2s").convert(text) if _CJK.search(text) else text


def to_traditional(text: str) -> str:
    return _opencc("s2t").convert(text) if _CJK.search(text) else text


def _keep(token: str) -> bool:
    if len(token) > MAX_TOKEN or _DIGITS.match(token):
        return False
    return token not in EN_STOP and token not in ZH_STOP


def _normalize(raw: str) -> list[str]:
    out = []
    for part in _WORD.findall(raw.lower()):
        if _LATIN.match(part):
            part = _stemmer().stemWord(part) if not any(c.isdigit() for c in part) else part
        if _keep(part):
            out.append(part)
    return out


def tokenize(text: str, *, simplified: bool = False) -> list[str]:
    """Index tokens of a text, in order (repeats kept: they are the term frequencies).

    Emits the shorter words inside long Chinese words too (jieba's search mode), so 跨链桥
    matches 跨链 and 桥. Text not known to be Simplified is folded to Simplified first.
    """
    if not simplified:
        text = to_simplified(text)
    seg = _jieba().cut_for_search(text)
    tokens: list[str] = []
    for raw in seg:
        tokens.extend(_normalize(raw))
    return tokens


def query_terms(text: str) -> list[str]:
    """Distinct query terms, with the wallet synonyms added after the words themselves."""
    terms = list(dict.fromkeys(tokenize(text)))
    extra = [syn for term in terms for syn in SYNONYMS.get(term, ())]
    return list(dict.fromkeys(terms + extra))


def is_latin(term: str) -> bool:
    return bool(_LATIN.match(term))
