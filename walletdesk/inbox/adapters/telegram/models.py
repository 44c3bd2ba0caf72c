"""Telegram state of our own: the chats we talk in, and which parts of a reply went out.

Raw updates live in `inbox.InboundRecord` (channel "telegram", external id "<bot>:<update_id>").
"""

from django.db import models


class TelegramChat(models.Model):
    """A private chat with a customer, through one of our bots."""

    bot = models.CharField(max_length=64)
    chat_id = models.BigIntegerField()
    user_id = models.BigIntegerField(null=True, blank=True)
    language_code = models.CharField(max_length=35, blank=True, help_text="as Telegram sent it")
    started_at = models.DateTimeField(null=True, blank=True, help_text="last /start")
    blocked_at = models.DateTimeField(null=True, blank=True, help_text="user blocked the bot")
    last_update_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bot", "chat_id"], name="telegram_chat_once")
        ]
        indexes = [models.Index(fields=["chat_id", "-last_update_at"], name="telegram_chat_recent")]

    def __str__(self) -> str:
        return f"{self.bot}:{self.chat_id}"


class TelegramSentPart(models.Model):
    """One piece of a split reply that Telegram accepted: a retry resends only what is left."""

    delivery_id = models.BigIntegerField()
    part = models.PositiveSmallIntegerField()
    telegram_message_id = models.BigIntegerField()
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["delivery_id", "part"], name="telegram_part_once")
        ]
