"""Messages that say too little to act on (pure): "help", "钱没了", "not working", "在吗".
Any classifier answers such a message with some intent; the policy asks what happened
instead of answering (or refusing) with a confidence the words cannot support.

A message is vague when, once greetings, fillers and words that name no topic ("help",
"problem", "not", "问题", "怎么办") are set aside, at most one English word or two Chinese
characters are left, and it quotes no address or transaction hash."""

import re

from walletdesk.assistant.intents import prepare, words

# Words that carry no topic: pronouns, fillers, politeness, and "it is broken" in general.
EN_EMPTY = frozenset(
    re.split(
        r"\s+",
        """a an the i im i'm me my mine you your u we our it its it's is are was were be been am
        do does did done don't doesnt doesn't didnt didn't not no cant can't cannot can wont
        won't this that there here what whats what's why how when where who which pls plz please
        sir madam help helpp halp problem problems issue issues question questions something
        anything thing stuff wrong work works working worked broken broke happen happened
        happening now again still just so very really urgent asap hello hi hey hii yo ok okay oh
        ah um uh any one anyone someone somebody got get have has had with to of in on for and
        or but at by from up out all doesn didn don isn wasn aren won t s m re ve ll d""".strip(),
    )
)
ZH_EMPTY = frozenset(
    "了的吗呢啊吧呀哦嗯么嘛我你他她它们这那哪个在是有没不和就都也还又要想会能可以请问一下帮忙帮助"
    "救命急急急快点问题怎么办怎样如何为什么啥什么情况回事咋搞弄出现突然错客服人你好您好喂"
)
GREETING_RE = re.compile(
    r"^\s*(?:hi+|hello+|hey+|yo|good (?:morning|afternoon|evening)|anyone there\??"
    r"|你好|您好|哈喽|嗨|在吗|在不在|有人吗|有人在吗|早上好|下午好|晚上好)"
    r"[\s!！.。?？~,，]*(?:there|sir|madam|客服|你好)?[\s!！.。?？~,，]*$",
    re.I,
)
MAX_EN_WORDS = 1
MAX_ZH_CHARS = 2
PLACEHOLDERS = ("_addr_", "_txhash_")


def is_greeting(text: str) -> bool:
    return bool(GREETING_RE.match(text))


def content_units(text: str) -> tuple[int, int]:
    """(English words, Chinese characters) that may name a topic."""
    prepared = prepare(text)
    if any(p in prepared for p in PLACEHOLDERS):
        return 99, 99
    en = zh = 0
    for token in words(prepared.lower()):
        if re.fullmatch(r"[a-z0-9][a-z0-9'.]*", token):
            en += token not in EN_EMPTY
        else:
            zh += sum(1 for ch in token if "\u4e00" <= ch <= "\u9fff" and ch not in ZH_EMPTY)
    return en, zh


def is_empty(text: str) -> bool:
    """Not one word that could name a topic ("help", "why?", "怎么办")."""
    return content_units(text) == (0, 0)


def is_vague(text: str) -> bool:
    en, zh = content_units(text)
    if en and zh:
        return en + zh <= MAX_EN_WORDS
    return en <= MAX_EN_WORDS and zh <= MAX_ZH_CHARS
