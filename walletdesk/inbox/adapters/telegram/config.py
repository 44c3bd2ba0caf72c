"""The configured bots. Tokens are secrets: kept out of repr, logs and error messages."""

import re
from dataclasses import dataclass, field
from typing import Any, cast

from django.conf import settings

TOKEN_IN_TEXT = re.compile(r"bot\d+:[A-Za-z0-9_-]+")


@dataclass(frozen=True, slots=True)
class BotConfig:
    name: str  # the <bot> part of /inbox/telegram/<bot>/
    token: str = field(repr=False)
    secret: str = field(repr=False)  # X-Telegram-Bot-Api-Secret-Token, set with setWebhook


def conf() -> dict[str, Any]:
    """settings.TELEGRAM (API_BASE, BOTS, POLL_TIMEOUT_SECONDS)."""
    return cast(dict[str, Any], settings.TELEGRAM)


def bots() -> dict[str, BotConfig]:
    configured: dict[str, Any] = conf()["BOTS"]
    return {
        name: BotConfig(name=name, token=conf["token"], secret=conf.get("secret", ""))
        for name, conf in configured.items()
        if conf.get("token")
    }


def bot_get(name: str) -> BotConfig | None:
    return bots().get(name)


def default_bot() -> BotConfig | None:
    return next(iter(bots().values()), None)


def api_base() -> str:
    return str(conf()["API_BASE"]).rstrip("/")


def scrub(text: str) -> str:
    """Remove any bot token from a message before it is logged or stored."""
    return TOKEN_IN_TEXT.sub("bot<token>", text)
