"""Is this mail from a machine? Bounces, auto-replies, list mail, no-reply senders. Pure.

Auto-replies are never answered or threaded (no loops); no-reply and verification-code mail
opens a quarantined ticket (so a "ticket trick" sign-up code is never shown to its requester).
"""

import re
from email.message import Message

from walletdesk.inbox.adapters.email.headers import get_text
from walletdesk.inbox.types import Automated

NO_REPLY_LOCAL = re.compile(
    r"^(no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply|noreply|notifications?|"
    r"alerts?|bounces?|verify|verification|security-noreply|accounts?-noreply)([+\-_.].*)?$"
)
BOUNCE_LOCAL = re.compile(r"^(mailer-daemon|postmaster)$")
AUTO_SUBJECT = re.compile(
    r"^(auto(matic)?[ _-]?(reply|response)|out of (the )?office|自动回复|自動回覆|自动答复)",
    re.I,
)
CODE_MAIL = re.compile(
    r"(verification code|verify your (email|account)|confirm your (email|account)|"
    r"one[- ]time (pass)?code|sign[- ]?in code|security code|验证码|驗證碼|校验码)",
    re.I,
)


def _auto_submitted(msg: Message) -> str:
    value = get_text(msg, "Auto-Submitted").lower().split(";")[0].strip()
    return "" if value in {"", "no"} else value


def _is_bounce(msg: Message, local: str) -> bool:
    ctype = msg.get_content_type()
    report = (msg.get_param("report-type") or "") if ctype == "multipart/report" else ""
    if ctype == "multipart/report" and str(report).lower() in {"delivery-status", ""}:
        return True
    return bool(BOUNCE_LOCAL.match(local)) and get_text(msg, "Return-Path") in {"<>", ""}


def _is_auto_reply(msg: Message, subject: str) -> bool:
    if _auto_submitted(msg) == "auto-replied":
        return True
    if any(get_text(msg, h) for h in ("X-Autoreply", "X-Autorespond", "X-Autoresponder")):
        return True
    if get_text(msg, "Precedence").lower() == "auto_reply":
        return True
    if msg.get_content_type() == "multipart/report":  # read receipts and the like
        return True
    return bool(AUTO_SUBJECT.match(subject))


def _is_bulk(msg: Message) -> bool:
    if get_text(msg, "Precedence").lower() in {"bulk", "list", "junk"}:
        return True
    return bool(get_text(msg, "List-Id") or get_text(msg, "List-Unsubscribe"))


def classify(msg: Message, *, sender: str, subject: str, text: str) -> str:
    """An `Automated` value: "" for a person."""
    local = sender.split("@", 1)[0]
    if _is_bounce(msg, local):
        return Automated.BOUNCE
    if _is_auto_reply(msg, subject):
        return Automated.AUTO_REPLY
    if _auto_submitted(msg) or NO_REPLY_LOCAL.match(local):
        return Automated.NO_REPLY
    if CODE_MAIL.search(subject) or CODE_MAIL.search(text[:2000]):
        return Automated.NO_REPLY
    if _is_bulk(msg):
        return Automated.BULK
    return Automated.NONE
