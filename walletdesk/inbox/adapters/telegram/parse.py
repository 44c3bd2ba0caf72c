"""Pure: a Bot API `Update` (decoded JSON) -> what Walletdesk does with it.

No ORM, no settings, no network. The adapter turns a `ParsedUpdate` whose action is
`INGEST` into an `InboundMessage` once its files have been fetched.
"""

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

# Update fields carrying a Message; every other field is an update type we do not handle.
MESSAGE_FIELDS = ("message", "edited_message")
KNOWN_IGNORED = (
    "channel_post",
    "edited_channel_post",
    "business_message",
    "callback_query",
    "inline_query",
    "chosen_inline_result",
    "chat_member",
    "chat_join_request",
    "message_reaction",
    "poll",
    "poll_answer",
)
PHOTO_MAX_BYTES = 20 * 1024 * 1024  # the Bot API serves files up to 20 MB through getFile


class Action(StrEnum):
    INGEST = "ingest"  # a customer message: becomes a ticket message
    START = "start"  # /start: greet, remember the language, no ticket
    BLOCKED = "blocked"  # the user stopped or blocked the bot
    UNBLOCKED = "unblocked"
    IGNORE = "ignore"  # acknowledged, stored, nothing else


@dataclass(frozen=True, slots=True)
class FileRef:
    file_id: str
    file_unique_id: str
    name: str
    content_type: str
    size: int | None = None


@dataclass(frozen=True, slots=True)
class ParsedUpdate:
    update_id: int
    kind: str  # the Update field present: "message", "edited_message", "my_chat_member", …
    action: Action
    reason: str = ""  # why an update is ignored
    chat_id: int | None = None
    user_id: int | None = None
    display_name: str = ""
    username: str = ""
    language: str = ""  # a Walletdesk language ("en", "zh-hans") or "" when unknown
    language_code: str = ""  # as Telegram sent it (IETF tag)
    message_id: int | None = None
    date: int = 0
    text: str = ""
    start_payload: str = ""
    edited: bool = False
    files: tuple[FileRef, ...] = field(default=())


class InvalidUpdate(ValueError):
    """The body is not a Bot API Update (no integer update_id)."""


def update_id_of(update: Any) -> int:
    if not isinstance(update, dict):
        raise InvalidUpdate("an update is a JSON object")
    value = update.get("update_id")
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidUpdate("update_id must be a non-negative integer")
    return value


def update_kind(update: dict) -> str:
    for key in update:
        if key != "update_id":
            return key
    return "empty"


def language_of(code: str) -> str:
    """Map Telegram's IETF language tag onto the languages Walletdesk speaks."""
    primary = code.lower().replace("_", "-").split("-")[0]
    return {"zh": "zh-hans", "en": "en"}.get(primary, "")


def parse(update: Any) -> ParsedUpdate:
    update_id = update_id_of(update)
    kind = update_kind(update)
    if kind in MESSAGE_FIELDS:
        return _parse_message(update_id, kind, update[kind])
    if kind == "my_chat_member":
        return _parse_member(update_id, update[kind])
    reason = "unhandled_type" if kind in KNOWN_IGNORED else "unknown_type"
    return ParsedUpdate(update_id=update_id, kind=kind, action=Action.IGNORE, reason=reason)


def _user_fields(user: dict) -> dict[str, Any]:
    name = " ".join(p for p in (user.get("first_name"), user.get("last_name")) if p)
    code = str(user.get("language_code") or "")
    return {
        "user_id": user.get("id"),
        "display_name": name or str(user.get("username") or ""),
        "username": str(user.get("username") or ""),
        "language_code": code,
        "language": language_of(code),
    }


def _ignore_reason(message: dict) -> str:
    chat = message.get("chat") or {}
    if chat.get("type") != "private":
        return "not_private"
    sender = message.get("from") or {}
    if not sender or sender.get("is_bot"):
        return "from_bot"
    return ""


def _parse_message(update_id: int, kind: str, message: Any) -> ParsedUpdate:
    base: dict[str, Any] = {"update_id": update_id, "kind": kind}
    if not isinstance(message, dict):
        return ParsedUpdate(**base, action=Action.IGNORE, reason="malformed")
    reason = _ignore_reason(message)
    if reason:
        return ParsedUpdate(**base, action=Action.IGNORE, reason=reason)
    text, files = message_content(message)
    fields: dict[str, Any] = {
        **base,
        **_user_fields(message["from"]),
        "chat_id": message["chat"].get("id"),
        "message_id": message.get("message_id"),
        "date": int(message.get("edit_date") or message.get("date") or 0),
        "edited": kind == "edited_message",
    }
    command, payload = _command(message.get("text") or "")
    if command == "/start" and kind == "message":
        return ParsedUpdate(**fields, action=Action.START, text=text, start_payload=payload)
    if not text and not files:
        return ParsedUpdate(**fields, action=Action.IGNORE, reason="no_content")
    return ParsedUpdate(**fields, action=Action.INGEST, text=text, files=files)


def _command(text: str) -> tuple[str, str]:
    """'/start@WalletdeskBot abc' -> ('/start', 'abc'); ('', '') when not a command."""
    if not text.startswith("/"):
        return "", ""
    head, _, rest = text.partition(" ")
    return head.split("@", 1)[0].lower(), rest.strip()


def message_content(message: dict) -> tuple[str, tuple[FileRef, ...]]:
    """The text an agent reads and the files to fetch, for every message kind we keep."""
    text = str(message.get("text") or message.get("caption") or "")
    files: list[FileRef] = []
    if message.get("photo"):
        files.append(_photo(message["photo"], message.get("message_id")))
    if isinstance(message.get("document"), dict):
        files.append(_file(message["document"], "document", "application/octet-stream"))
    if isinstance(message.get("voice"), dict):
        files.append(_file(message["voice"], "voice.ogg", "audio/ogg"))
        text = text or f"[voice message, {message['voice'].get('duration', 0)} s]"
    if isinstance(message.get("sticker"), dict):
        emoji = message["sticker"].get("emoji") or ""
        text = text or f"[sticker {emoji}]".replace(" ]", "]")
    return text, tuple(files)


def _photo(sizes: list, message_id: Any) -> FileRef:
    """The largest size Telegram lets us download (sizes come smallest first)."""
    usable = [s for s in sizes if (s.get("file_size") or 0) <= PHOTO_MAX_BYTES] or sizes[:1]
    best = usable[-1]
    return FileRef(
        file_id=best["file_id"],
        file_unique_id=best.get("file_unique_id", ""),
        name=f"photo-{message_id}.jpg",
        content_type="image/jpeg",
        size=best.get("file_size"),
    )


def _file(obj: dict, default_name: str, default_type: str) -> FileRef:
    return FileRef(
        file_id=obj["file_id"],
        file_unique_id=obj.get("file_unique_id", ""),
        name=str(obj.get("file_name") or default_name),
        content_type=str(obj.get("mime_type") or default_type),
        size=obj.get("file_size"),
    )


def _parse_member(update_id: int, change: Any) -> ParsedUpdate:
    base: dict[str, Any] = {"update_id": update_id, "kind": "my_chat_member"}
    if not isinstance(change, dict) or (change.get("chat") or {}).get("type") != "private":
        return ParsedUpdate(**base, action=Action.IGNORE, reason="not_private")
    status = (change.get("new_chat_member") or {}).get("status")
    action = Action.BLOCKED if status in {"kicked", "left"} else Action.UNBLOCKED
    return ParsedUpdate(
        **base,
        **_user_fields(change.get("from") or {}),
        action=action,
        chat_id=change["chat"].get("id"),
        date=int(change.get("date") or 0),
    )
