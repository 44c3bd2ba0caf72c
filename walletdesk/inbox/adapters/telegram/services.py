"""Telegram writes: accept an update (store first), then process it (after commit, in a task)."""

import logging

from django.db import IntegrityError, transaction
from django.db.models import F

from walletdesk.accounts.models import CustomerIdentity
from walletdesk.accounts.services import customer_resolve
from walletdesk.core.clock import now
from walletdesk.inbox.adapters.telegram import parse as tg
from walletdesk.inbox.adapters.telegram.adapter import CHANNEL, decode, external_id, to_inbound
from walletdesk.inbox.adapters.telegram.client import BotApi, TelegramError
from walletdesk.inbox.adapters.telegram.config import BotConfig, bot_get
from walletdesk.inbox.adapters.telegram.models import TelegramChat
from walletdesk.inbox.models import InboundRecord
from walletdesk.inbox.services import inbound_accept, message_ingest, record_quarantine
from walletdesk.inbox.types import InboundAttachment

logger = logging.getLogger(__name__)

GREETING = {
    "en": "Hello! This is {brand} support. Tell us what happened and we will help you here.\n"
    "We will never ask for your recovery phrase or private key.",
    "zh-hans": "您好！这里是 {brand} 客服。请直接描述您遇到的问题，我们会在这里为您处理。\n"
    "我们绝不会索要您的助记词或私钥。",
}


def update_accept(*, bot: BotConfig, body: bytes) -> tuple[InboundRecord, bool]:
    """Store one update durably, once per (bot, update_id); processing is queued after commit.

    Raises parse.InvalidUpdate when the body is not an update."""
    update_id = tg.update_id_of(decode(body))
    record, new = inbound_accept(
        channel=CHANNEL, payload=body, external_id=external_id(bot.name, update_id), source=bot.name
    )
    if new:
        transaction.on_commit(lambda: _enqueue(record.id))
    return record, new


def _enqueue(record_id: int) -> None:
    from walletdesk.inbox.adapters.telegram import tasks

    try:
        tasks.update_process.enqueue(record_id)
    except Exception:  # the record is durable and stays "received" for the sweep
        logger.exception("queueing telegram record %s failed", record_id)


def update_process(*, record_id: int) -> str:
    """Act on one stored update. Safe to run twice: a processed record is left alone.

    Files are fetched first (network, no transaction open); everything written for the update
    is then written in one transaction, which also claims the record."""
    record = InboundRecord.objects.get(id=record_id)
    if record.state != InboundRecord.State.RECEIVED:
        return record.state
    bot = bot_get(record.source)
    try:
        update = tg.parse(decode(bytes(record.payload)))
    except tg.InvalidUpdate as exc:
        record_quarantine(record=record, reason=f"not an update: {exc}")
        return InboundRecord.State.QUARANTINED
    attachments: tuple[InboundAttachment, ...] = ()
    if update.action is tg.Action.INGEST and update.files:
        attachments, notes = files_fetch(bot, update.files)
        update = _with_notes(update, notes) if notes else update
    with transaction.atomic():
        if not _claim(record):
            return "already done"
        if update.chat_id is not None:
            chat_touch(bot=record.source, chat_id=update.chat_id, update=update)
        return _act(record, update, bot, attachments)


def _claim(record: InboundRecord) -> bool:
    """Lock the record for this transaction; False when another worker has processed it
    meanwhile. The attempt is counted when the record is closed or marked."""
    return bool(
        InboundRecord.objects.filter(id=record.id, state=InboundRecord.State.RECEIVED).update(
            attempts=F("attempts")
        )
    )


def _act(
    record: InboundRecord,
    update: tg.ParsedUpdate,
    bot: BotConfig | None,
    attachments: tuple[InboundAttachment, ...],
) -> str:
    if update.action is tg.Action.INGEST:
        inbound = to_inbound(
            update, bot=record.source, attachments=attachments, record_id=record.id
        )
        # Claimed in this transaction and its message keyed by the same update id: no copy
        # can be stored yet, so the look-up for one is skipped.
        return message_ingest(inbound=inbound, first_sight=True).outcome
    if update.action is tg.Action.START:
        return _start(record, update, bot)
    return _record_close(record, InboundRecord.State.IGNORED, update.reason or update.action)


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
    from dataclasses import replace

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
