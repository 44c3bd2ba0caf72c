"""Raw inbound payloads (redacted), the outbox of deliveries, and mailbox cursors."""

from django.db import models

from walletdesk.tickets.choices import Channel
from walletdesk.tickets.models import Message, Ticket


class InboundRecord(models.Model):
    """One raw payload exactly as a channel delivered it, secrets redacted, before parsing.

    Stored first (unique per channel and external id), acknowledged to the sender only after
    commit, then processed. `quarantined` records are shown to admins and can be reprocessed.
    """

    class State(models.TextChoices):
        RECEIVED = "received", "Received"
        PROCESSED = "processed", "Processed"
        DUPLICATE = "duplicate", "Duplicate"
        IGNORED = "ignored", "Ignored (automated)"
        QUARANTINED = "quarantined", "Quarantined"

    channel = models.CharField(max_length=20, choices=Channel.choices)
    external_id = models.CharField(max_length=255)
    source = models.CharField(max_length=120, blank=True, help_text="mailbox, bot, endpoint")
    sha256 = models.CharField(max_length=64, help_text="of the payload as received")
    size = models.PositiveIntegerField()
    payload = models.BinaryField(help_text="redacted")
    redacted = models.BooleanField(default=False, help_text="secrets were removed from payload")
    state = models.CharField(max_length=12, choices=State.choices, default=State.RECEIVED)
    reason = models.CharField(max_length=255, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    ticket = models.ForeignKey(Ticket, on_delete=models.SET_NULL, null=True, blank=True)
    message = models.ForeignKey(Message, on_delete=models.SET_NULL, null=True, blank=True)
    received_at = models.DateTimeField()
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["channel", "external_id"], name="inbound_once")
        ]
        indexes = [models.Index(fields=["state", "id"], name="inbound_state")]

    def __str__(self) -> str:
        return f"{self.channel}:{self.external_id}"


class Delivery(models.Model):
    """The outbox: one row per outbound message to push to a channel, retried with backoff."""

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed (gave up)"
        BOUNCED = "bounced", "Bounced"

    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="delivery")
    channel = models.CharField(max_length=20, choices=Channel.choices)
    recipient = models.CharField(max_length=255)
    external_id = models.CharField(
        max_length=255, unique=True, help_text="stable id sent with every attempt (Message-ID)"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    provider_id = models.CharField(max_length=255, blank=True, help_text="the channel's own id")
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(state="pending"),
                name="delivery_due",
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel} → {self.recipient} ({self.state})"


class MailboxCursor(models.Model):
    """How far an IMAP mailbox has been read: a new UIDVALIDITY restarts from the beginning."""

    mailbox = models.CharField(max_length=255, unique=True, help_text="user@host/folder")
    uidvalidity = models.BigIntegerField(default=0)
    last_uid = models.BigIntegerField(default=0)
    polled_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.mailbox} @ {self.uidvalidity}:{self.last_uid}"
