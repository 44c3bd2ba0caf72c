"""Telegram writes: receive an update (store first, or spool it when the database fails), then
process it (the worker's drain: prepare outside, apply inside the record's transaction)."""

import logging
from dataclasses import replace

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F

from walletdesk.accounts.models import CustomerIdentity
from walletdesk.accounts.services import customer_resolve
from walletdesk.core.clock import now
from walletdesk.inbox.adapters.telegram import parse as tg
from walletdesk.inbox.adapters.telegram import spool
from walletdesk.inbox.adapters.telegram.adapter import CHANNEL, decode, external_id, to_inbound
from walletdesk.inbox.adapters.telegram.client import BotApi, TelegramError
from walletdesk.inbox.adapters.telegram.config import BotConfig, bot_get
from walletdesk.inbox.adapters.telegram.models import TelegramChat
from walletdesk.inbox.models import InboundRecord
from walletdesk.inbox.services import (
    message_ingest,
    record_process,
    record_process_soon,
    record_quarantine,
)
from walletdesk.inbox.services.records import inbound_build, inbound_store
from walletdesk.inbox.types import (
    Apply,
    InboundAttachment,
    InboundMessage,
    IngestResult,
    Prepared,
)

logger = logging.getLogger(__name__)

GREETING = {
    "en": "Hello! This is {brand} support. Tell us what happened and we will help you here.\n"
    "We will never ask for your recovery phrase or private key.",
    "zh-hans": "您好！这里是 {brand} 客服。请直接描述您遇到的问题，我们会在这里为您处理。\n"
    "我们绝不会索要您的助记词或私钥。",
}


def update_receive(*, bot: BotConfig, body: bytes) -> str:
    """Take one update from the webhook or the long-poller: "stored", "seen" (a redelivery) or
    "spooled" (the database failed; the update is on disk, fsynced). Acknowledge Telegram only
    after this returned. Raises parse.InvalidUpdate when the body is not an update, and the
    database error when it failed and no spool is configured."""
    update_id = tg.update_id_of(decode(body))
    record = inbound_build(
        channel=CHANNEL, payload=body, external_id=external_id(bot.name, update_id), source=bot.name
    )
    try:
        _record, new = inbound_store(record)  # one INSERT, committed (no transaction block)
    except DatabaseError:
        if spool.spool_dir() is None:
            raise
        logger.warning("telegram update %s not stored (database error): spooled", update_id)
        spool.spool_put(record)
        return "spooled"
    if new:
        transaction.on_commit(lambda: record_process_soon(record.id))
    spool.spool_drain_soon()
    return "stored" if new else "seen"


def update_process(*, record_id: int) -> str:
    """Act on one stored update (see `update_prepare`); returns the record's state after."""
    record_process(record_id=record_id)
    return InboundRecord.objects.values_list("state", flat=True).get(id=record_id)


def update_prepare(*, record: InboundRecord) -> Prepared:
    """Work before the record's transaction: parse the stored update, fetch its files (network,
    no transaction open). Returns what to do inside it: touch the chat, then ingest, greet or
    mark the record (a message to ingest may be taken by a drained batch instead)."""
    bot = bot_get(record.source)
    try:
        update = tg.parse(decode(bytes(record.payload)))
    except tg.InvalidUpdate as exc:
        return Prepared(_quarantining(record, f"not an update: {exc}"))
    attachments: tuple[InboundAttachment, ...] = ()
    if update.action is tg.Action.INGEST and update.files:
        attachments, notes = files_fetch(bot, update.files)
        update = _with_notes(update, notes) if notes else update
    return _prepared(record, update, bot, attachments)


def _prepared(
    record: InboundRecord,
    update: tg.ParsedUpdate,
    bot: BotConfig | None,
    attachments: tuple[InboundAttachment, ...],
) -> Prepared:
    def touch() -> None:
        if update.chat_id is not None:
            chat_touch(bot=record.source, chat_id=update.chat_id, update=update)

    def act(_fresh: bool) -> list[IngestResult]:
        touch()
        return _act(record, update, bot)

    if update.action is not tg.Action.INGEST:
        return Prepared(act)
    inbound = to_inbound(update, bot=record.source, attachments=attachments, record_id=record.id)
    inbound = replace(inbound, redacted=record.redacted)

    def ingest(fresh: bool) -> list[IngestResult]:
        touch()
        # Claimed in this transaction and keyed by the same update id: a record never
        # processed before has no stored copy, so the look-up for one is skipped.
        return [message_ingest(inbound=inbound, first_sight=fresh)]

    return Prepared(ingest, inbound=inbound)


def _quarantining(record: InboundRecord, reason: str) -> Apply:
    def quarantine(_fresh: bool) -> list[IngestResult]:
        record_quarantine(record=record, reason=reason)
        return []

    return quarantine


def _act(
    record: InboundRecord, update: tg.ParsedUpdate, bot: BotConfig | None
) -> list[IngestResult]:
    """An update that is no message to ingest: /start greets, others close the record."""
    if update.action is tg.Action.START:
        _start(record, update, bot)
    else:
        _record_close(record, InboundRecord.State.IGNORED, update.reason or update.action)
    return []


def _record_close(record: InboundRecord, state: str, reason: str) -> str:
    closed = InboundRecord.objects.filter(id=record.id, state=InboundRecord.State.RECEIVED).update(
        state=state, reason=reason[:255], processed_at=now(), attempts=F("attempts") + 1
    )
    return state if closed else "already done"


def chat_touch(*, bot: str, chat_id: int, update: tg.ParsedUpdate) -> None:
    """Remember the chat (one UPDATE in the common case, an INSERT the first time)."""
    at = now()
    fields: dict = {"user_id": update.user_id, "last_update_at": at}
    if update.language_code:
        fields["language_code"] = update.language_code
    if update.action is tg.Action.START:
        fields["started_at"] = at
        fields["blocked_at"] = None
    elif update.action is tg.Action.BLOCKED:
        fields["blocked_at"] = at
    elif update.action in (tg.Action.UNBLOCKED, tg.Action.INGEST):
        fields["blocked_at"] = None
    chats = TelegramChat.objects.filter(bot=bot, chat_id=chat_id)
    if chats.update(**fields):
        return
    try:
        with transaction.atomic():
            TelegramChat.objects.create(bot=bot, chat_id=chat_id, **fields)
    except IntegrityError:  # created concurrently by another worker
        chats.update(**fields)


def chats_touch(inbounds: list[InboundMessage]) -> None:
    """chat_touch for the messages of a drained batch (private chats that wrote): one upsert
    for the chats with a language code, one for those without, in (bot, chat) order. The
    rows stay locked until the batch commits, so a chat's messages are never ingested by two
    drains at once: the later one finds the ticket the earlier one opened."""
    at, rows = now(), {}
    for inbound in inbounds:
        chat = inbound.metadata["telegram"]
        rows[(chat["bot"], chat["chat_id"])] = TelegramChat(
            bot=chat["bot"],
            chat_id=chat["chat_id"],
            user_id=int(inbound.sender.value),
            language_code=chat["language_code"] or "",
            last_update_at=at,
            blocked_at=None,
        )
    chats = [rows[key] for key in sorted(rows)]
    fields = ["user_id", "last_update_at", "blocked_at"]
    for with_language in (True, False):
        TelegramChat.objects.bulk_create(
            [c for c in chats if bool(c.language_code) == with_language],
            update_conflicts=True,
            unique_fields=["bot", "chat_id"],
            update_fields=[*fields, "language_code"] if with_language else fields,
        )


def files_fetch(
    bot: BotConfig | None, files: tuple[tg.FileRef, ...]
) -> tuple[tuple[InboundAttachment, ...], list[str]]:
    """Download each file through getFile; a file we cannot fetch becomes a note, never a loss
    of the message itself."""
    fetched, notes = [], []
    for ref in files:
        if bot is None:
            notes.append(f"[{ref.name}: not fetched, the bot is no longer configured]")
            continue
        try:
            data = BotApi(bot).download(ref.file_id)
        except TelegramError as exc:
            logger.warning("telegram file %s not fetched: %s", ref.file_unique_id, exc)
            notes.append(f"[{ref.name}: could not be fetched ({exc.status})]")
            continue
        fetched.append(InboundAttachment(ref.name, ref.content_type, data))
    return tuple(fetched), notes


def _with_notes(update: tg.ParsedUpdate, notes: list[str]) -> tg.ParsedUpdate:
    return replace(update, text="\n".join([update.text, *notes]).strip())


def _start(record: InboundRecord, update: tg.ParsedUpdate, bot: BotConfig | None) -> str:
    """/start: remember who and which language; greet once. No ticket until they write."""
    with transaction.atomic():
        customer = customer_resolve(
            kind=CustomerIdentity.Kind.TELEGRAM,
            value=str(update.user_id),
            display_name=update.display_name,
            language=update.language or None,
            verified=True,
        )
        state = _record_close(record, InboundRecord.State.PROCESSED, "start")
        if state == InboundRecord.State.PROCESSED and bot is not None:
            language = update.language or customer.language
            transaction.on_commit(lambda: greeting_send(bot, update.chat_id, language))
    return state


def greeting_send(bot: BotConfig, chat_id: int | None, language: str) -> None:
    from django.conf import settings

    brand = settings.KB_BRAND["brand"] if hasattr(settings, "KB_BRAND") else "Walletdesk"
    text = GREETING.get(language, GREETING["en"]).format(brand=brand)
    try:
        BotApi(bot).call("sendMessage", {"chat_id": chat_id, "text": text})
    except TelegramError as exc:  # a greeting is a courtesy: log and go on
        logger.warning("telegram greeting to a chat failed: %s", exc)
