"""A customer's conversation with the assistant and each exchange in it (redacted)."""

from django.db import models

from walletdesk.accounts.models import Customer
from walletdesk.tickets.models import Message, Ticket


class Conversation(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "With the assistant"
        RESOLVED = "resolved", "Resolved by the assistant"
        HANDED_OVER = "handed_over", "Handed over to a person"
        ABANDONED = "abandoned", "Abandoned"

    customer = models.ForeignKey(
        Customer, on_delete=models.CASCADE, related_name="assistant_conversations"
    )
    channel = models.CharField(max_length=20)
    language = models.CharField(max_length=10, default="en", help_text="zh-hans, zh-hant or en")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    ticket = models.ForeignKey(
        Ticket, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    last_action = models.CharField(max_length=20, blank=True)
    last_intent = models.CharField(max_length=40, blank=True)
    pending_options = models.JSONField(default=list, blank=True)
    metadata = models.JSONField(default=dict, blank=True, help_text="app version, device …")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["customer", "-updated_at"]),
            models.Index(fields=["status", "updated_at"], name="assistant_conv_sweep"),
        ]

    def __str__(self) -> str:
        return f"Conversation {self.pk} ({self.status})"


class Exchange(models.Model):
    """One customer message and the assistant's reply, for the transcript and learning."""

    class Outcome(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved by the assistant"
        HANDED_OVER = "handed_over", "Handed over"
        ABANDONED = "abandoned", "Abandoned"

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="exchanges"
    )
    message = models.OneToOneField(
        Message,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="the channel message answered (web chat, Telegram, email); once each",
    )
    text = models.TextField(help_text="the customer's message, secrets redacted")
    reply = models.TextField(blank=True)
    language = models.CharField(max_length=10)
    intent = models.CharField(max_length=40, blank=True)
    confidence = models.FloatField(default=0.0)
    action = models.CharField(max_length=20)
    reason = models.CharField(max_length=20, blank=True)
    entities = models.JSONField(default=dict, blank=True)
    articles = models.JSONField(default=list, blank=True)
    facts = models.JSONField(default=list, blank=True, help_text="diagnosis facts quoted")
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.OPEN)
    helpful = models.BooleanField(null=True, blank=True, help_text='"did this solve it?"')
    latency_ms = models.FloatField(default=0.0)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["conversation", "id"]
        indexes = [models.Index(fields=["outcome", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.action} {self.intent} ({self.confidence:.2f})"

    @property
    def is_knowledge_gap(self) -> bool:
        return self.action in ("handover", "clarify") or self.helpful is False


class PostedMessage(models.Model):
    """A ticket message the assistant wrote (it has no agent author): the chat widget and the
    portal show these as the assistant's rather than the system's."""

    message = models.OneToOneField(
        Message, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
