"""Every sentence the guard shows to people, in English and Simplified Chinese."""

EN, ZH = "en", "zh-hans"

VERIFY_STATUS = {
    "official": {
        EN: "Official: this belongs to Walletdesk support.",
        ZH: "官方：这是 Walletdesk 官方支持渠道。",
    },
    "not_official": {
        EN: "Not official: this is not one of our channels. Do not share anything with it.",
        ZH: "非官方：这不是我们的渠道，请勿向其提供任何信息。",
    },
    "known_scam": {
        EN: "Known scam: this has been reported as a fake. Do not click, reply or pay.",
        ZH: "已知诈骗：该渠道已被确认为仿冒，请勿点击、回复或付款。",
    },
}

REASONS = {
    "blocklisted": {EN: "It is on our list of phishing sites.", ZH: "它在我们的钓鱼网站名单上。"},
    "homoglyph": {
        EN: "It imitates an official name with look-alike characters.",
        ZH: "它用形似字符仿冒官方名称。",
    },
    "lookalike": {
        EN: "It is spelled almost like an official name.",
        ZH: "它的拼写与官方名称极为相似。",
    },
    "brand_in_domain": {
        EN: "It uses our name inside someone else's address.",
        ZH: "它在他人的网址中使用了我们的名称。",
    },
    "fuzzy_match": {
        EN: "It resembles a site that scammers often imitate.",
        ZH: "它与诈骗者常仿冒的网站相似。",
    },
    "mixed_script": {
        EN: "It mixes letters from different alphabets.",
        ZH: "它混用了不同文字的字母。",
    },
    "punycode": {
        EN: "It is an international (IDN) name that can hide look-alike letters.",
        ZH: "它是国际化域名，可能隐藏形似字母。",
    },
    "hidden_host": {
        EN: "The link hides its real destination after an '@'.",
        ZH: "该链接在“@”之后隐藏了真实地址。",
    },
}

# The warning on a flagged link shown defanged to agents (templatetags/guard_links).
LINK_TITLE = {
    "blocked": {
        EN: "Known phishing link: do not open it or send it on.",
        ZH: "已知钓鱼链接：请勿打开或转发。",
    },
    "suspicious": {
        EN: "Suspicious link (look-alike or unknown address): do not open it.",
        ZH: "可疑链接（仿冒或未知地址）：请勿打开。",
    },
}

# Short reasons for the console's "Flagged links" list; {name} is the name imitated.
REASON_SHORT = {
    "blocklisted": {EN: "blocklisted", ZH: "已列入钓鱼黑名单"},
    "homoglyph": {EN: "look-alike characters of {name}", ZH: "用形似字符仿冒 {name}"},
    "lookalike": {EN: "lookalike of {name}", ZH: "与 {name} 拼写相近"},
    "brand_in_domain": {EN: "uses the name {name}", ZH: "冒用名称 {name}"},
    "fuzzy_match": {EN: "close to {name}", ZH: "与 {name} 相近"},
    "mixed_script": {EN: "mixed alphabets", ZH: "混用多种文字"},
    "punycode": {EN: "punycode (IDN)", ZH: "国际化域名（punycode）"},
    "hidden_host": {EN: "real host hidden after @", ZH: "在 @ 之后隐藏真实地址"},
}
UNNAMED = {EN: "an official name", ZH: "官方名称"}
VERDICT_SHORT = {
    "blocked": {EN: "known phishing", ZH: "已知钓鱼"},
    "suspicious": {EN: "suspicious", ZH: "可疑"},
}

NEVER_ASK = {
    EN: "Walletdesk staff will never ask for your recovery phrase or private key.",
    ZH: "Walletdesk 工作人员绝不会索要您的助记词或私钥。",
}

REPLY_PROBLEMS = {
    "asks_for_secret": {
        EN: "This text asks the customer for a recovery phrase or private key. Staff must never "
        "ask for them: anyone who has them can take the funds. Remove the request.",
        ZH: "该内容向用户索要助记词或私钥。工作人员绝不能索要这些信息："
        "拿到它们的人可以直接转走资产。请删除该请求。",
    },
    "contains_secret": {
        EN: "This text contains what looks like a recovery phrase or private key. Remove it.",
        ZH: "该内容包含疑似助记词或私钥的信息，请删除。",
    },
    "blocked_link": {
        EN: "This text links to a known phishing site: {host}. Remove the link.",
        ZH: "该内容链接到已知钓鱼网站：{host}。请删除该链接。",
    },
    "lookalike_link": {
        EN: "This text links to {host}, which imitates an official address. Link only to "
        "official domains.",
        ZH: "该内容链接到 {host}，它仿冒官方地址。请只链接官方域名。",
    },
}

ANTI_PHISHING_FOOTER = {
    EN: "Your anti-phishing code: {code}. A message without it is not from us.",
    ZH: "您的防钓鱼码：{code}。没有此码的消息不是我们发送的。",
}


KIND_LABELS = {
    "domain": {EN: "Website", ZH: "网站"},
    "app_store": {EN: "App store listing", ZH: "应用商店页面"},
    "telegram": {EN: "Telegram", ZH: "Telegram"},
    "x": {EN: "X (Twitter)", ZH: "X（推特）"},
    "reddit": {EN: "Reddit", ZH: "Reddit"},
    "email": {EN: "E-mail", ZH: "电子邮箱"},
    "phone": {EN: "Phone", ZH: "电话"},
}


def pick(table: dict[str, str], language: str) -> str:
    return table.get(language) or table[EN]


PAGE = {
    EN: {
        "title": "Is this really Walletdesk support?",
        "intro": "Paste a link, e-mail address, Telegram or X handle, or phone number that "
        "claims to be us.",
        "placeholder": "e.g. https://… , support@… , @handle , +1 …",
        "button": "Check",
        "checked": "You checked",
        "official_list": "Our official channels",
        "too_many": "Too many checks from your network. Please wait a minute.",
        "other_language": "中文",
    },
    ZH: {
        "title": "这真的是 Walletdesk 官方客服吗？",
        "intro": "粘贴自称是我们的链接、邮箱、Telegram 或 X 账号、电话号码进行核验。",
        "placeholder": "例如 https://… 、support@… 、@账号 、+86 …",
        "button": "核验",
        "checked": "您核验的是",
        "official_list": "我们的官方渠道",
        "too_many": "您所在网络的核验次数过多，请一分钟后再试。",
        "other_language": "English",
    },
}
