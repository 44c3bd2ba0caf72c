"""Tickets, their messages, immutable event log, links, SLA state and satisfaction surveys."""

from django.db import models

from walletdesk.accounts.models import Agent, BusinessCalendar, Customer, Language, Team
from walletdesk.tickets.choices import (
    Category,
    Chain,
    Channel,
    Priority,
    SlaKind,
    Status,
)

ACTIVE = models.Q(status__in=["new", "open", "pending", "on_hold"])


class Tag(models.Model):
    name = models.SlugField(max_length=50, unique=True, allow_unicode=True)

    def __str__(self) -> str:
        return self.name


class TicketNumberCounter(models.Model):
    """Last ticket number handed out per year (numbers read WD-2026-004512)."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)


class SlaPolicy(models.Model):
    """Targets for tickets that match; the first active policy by position wins.

    Empty match lists mean "any". A null calendar means the ticket's team calendar.
    """

    name = models.CharField(max_length=120, unique=True)
    position = models.PositiveIntegerField(default=100)
    is_active = models.BooleanField(default=True)
    priorities = models.JSONField(default=list, blank=True)
    categories = models.JSONField(default=list, blank=True)
    channels = models.JSONField(default=list, blank=True)
    segments = models.JSONField(default=list, blank=True)
    first_response_minutes = models.PositiveIntegerField(null=True, blank=True)
    next_response_minutes = models.PositiveIntegerField(null=True, blank=True)
    resolution_minutes = models.PositiveIntegerField(null=True, blank=True)
    calendar = models.ForeignKey(BusinessCalendar, on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name_plural = "SLA policies"

    def __str__(self) -> str:
        return self.name


class RoutingRule(models.Model):
    """Send matching new tickets to a team. First match by position wins; empty lists mean any."""

    name = models.CharField(max_length=120, unique=True)
    position = models.PositiveIntegerField(default=100)
    is_active = models.BooleanField(default=True)
    categories = models.JSONField(default=list, blank=True)
    intents = models.JSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    chains = models.JSONField(default=list, blank=True)
    channels = models.JSONField(default=list, blank=True)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="routing_rules")
    required_skills = models.JSONField(default=list, blank=True)
    set_priority = models.CharField(max_length=10, choices=Priority.choices, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class Ticket(models.Model):
    # Every index is paid on each ticket write: foreign keys lean on the composite indexes below
    # (same leading column) instead of one index each, and the number has no LIKE index.
    number = models.CharField(max_length=24)
    access_token_hash = models.CharField(max_length=64)
    subject = models.CharField(max_length=200)
    customer = models.ForeignKey(
        Customer, on_delete=models.PROTECT, related_name="tickets", db_index=False
    )
    channel = models.CharField(max_length=20, choices=Channel.choices)
    language = models.CharField(max_length=10, choices=Language.choices, default=Language.EN)
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.OTHER)
    intent = models.CharField(max_length=40, blank=True)
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    chain = models.CharField(max_length=10, choices=Chain.choices, blank=True)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    assignee = models.ForeignKey(
        Agent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tickets",
        db_index=False,
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="tickets")
    required_skills = models.JSONField(default=list, blank=True)
    metadata = models.JSONField(default=dict, blank=True, help_text="app version, OS, device …")
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_tickets",
        db_index=False,
    )
    # No index: policies are deactivated, not deleted; a deletion may scan.
    sla_policy = models.ForeignKey(
        SlaPolicy, on_delete=models.SET_NULL, null=True, blank=True, db_index=False
    )
    sla_due_at = models.DateTimeField(null=True, blank=True, help_text="earliest running target")
    sla_next_check_at = models.DateTimeField(null=True, blank=True)
    automation_due_at = models.DateTimeField(
        null=True, blank=True, help_text="next pending reminder / auto-resolve / auto-close"
    )
    pending_reminded = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    status_changed_at = models.DateTimeField()
    first_response_at = models.DateTimeField(null=True, blank=True)
    last_customer_message_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["number"], name="ticket_number_unique")]
        indexes = [
            models.Index(fields=["team", "status", "-id"], name="ticket_team_status"),
            models.Index(fields=["assignee", "status", "-id"], name="ticket_assignee_status"),
            models.Index(fields=["status", "-id"], name="ticket_status"),
            models.Index(fields=["customer", "-id"], name="ticket_customer"),
            models.Index(fields=["sla_due_at", "id"], condition=ACTIVE, name="ticket_sla_due"),
            # Active tickets are a few percent of the table: queues and counts over them stay
            # small at a million rows.
            models.Index(fields=["-id"], condition=ACTIVE, name="ticket_active_id"),
            models.Index(
                fields=["team", "assignee", "status", "sla_due_at"],
                condition=ACTIVE,
                name="ticket_active_counts",
            ),
            models.Index(
                fields=["sla_next_check_at"],
                condition=models.Q(sla_next_check_at__isnull=False),
                name="ticket_sla_check",
            ),
            models.Index(
                fields=["automation_due_at"],
                condition=models.Q(automation_due_at__isnull=False),
                name="ticket_automation_due",
            ),
            models.Index(
                fields=["merged_into"],
                condition=models.Q(merged_into__isnull=False),
                name="ticket_merged_into",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_active(self) -> bool:
        return self.status in {Status.NEW, Status.OPEN, Status.PENDING, Status.ON_HOLD}


class SlaTarget(models.Model):
    """One running or finished SLA target of a ticket.

    While the ticket waits on the customer the target is paused: `due_at` is cleared and the
    business seconds still left are kept in `remaining_seconds`.
    """

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="sla_targets")
    kind = models.CharField(max_length=20, choices=SlaKind.choices)
    calendar = models.ForeignKey(BusinessCalendar, on_delete=models.PROTECT)
    target_seconds = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    due_at = models.DateTimeField(null=True, blank=True)
    warn_at = models.DateTimeField(null=True, blank=True)
    remaining_seconds = models.PositiveIntegerField(null=True, blank=True)
    warned_at = models.DateTimeField(null=True, blank=True)
    breached_at = models.DateTimeField(null=True, blank=True)
    achieved_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ticket", "kind"],
                condition=models.Q(achieved_at__isnull=True, cancelled_at__isnull=True),
                name="one_running_target_per_kind",
            )
        ]

    @property
    def is_running(self) -> bool:
        return self.achieved_at is None and self.cancelled_at is None


class Message(models.Model):
    class Direction(models.TextChoices):
        INBOUND = "inbound", "From the customer"
        OUTBOUND = "outbound", "To the customer"
        NOTE = "note", "Internal note"

    class Delivery(models.TextChoices):
        NOT_APPLICABLE = "n/a", "Not applicable"
        QUEUED = "queued", "Queued"
        SENT = "sent", "Sent"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages")
    direction = models.CharField(max_length=10, choices=Direction.choices)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    author_agent = models.ForeignKey(Agent, on_delete=models.SET_NULL, null=True, blank=True)
    author_customer = models.ForeignKey(Customer, on_delete=models.SET_NULL, null=True, blank=True)
    body_text = models.TextField()
    body_html = models.TextField(blank=True, help_text="sanitized")
    external_id = models.CharField(max_length=255, blank=True)
    delivery_status = models.CharField(
        max_length=10, choices=Delivery.choices, default=Delivery.NOT_APPLICABLE
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["ticket", "created_at", "id"], name="message_ticket")]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "external_id"],
                condition=~models.Q(external_id=""),
                name="message_external_once",
            )
        ]

    @property
    def is_public(self) -> bool:
        return self.direction != self.Direction.NOTE


class Attachment(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    file = models.FileField(upload_to="attachments/%Y/%m/")


class TicketEvent(models.Model):
    """An immutable row of a ticket's history; customer-visible rows form its progress timeline."""

    class Kind(models.TextChoices):
        CREATED = "created", "Created"
        STATUS_CHANGED = "status_changed", "Status changed"
        ASSIGNED = "assigned", "Assigned"
        TEAM_CHANGED = "team_changed", "Team changed"
        PRIORITY_CHANGED = "priority_changed", "Priority changed"
        CATEGORY_CHANGED = "category_changed", "Category changed"
        ESCALATED = "escalated", "Escalated"
        HANDED_BACK = "handed_back", "Handed back"
        CUSTOMER_REPLIED = "customer_replied", "Customer replied"
        AGENT_REPLIED = "agent_replied", "Agent replied"
        NOTE_ADDED = "note_added", "Internal note"
        TAGGED = "tagged", "Tags changed"
        LINKED = "linked", "Linked"
        MERGED = "merged", "Merged"
        SLA_WARNING = "sla_warning", "SLA warning"
        SLA_BREACHED = "sla_breached", "SLA breached"
        REMINDER_SENT = "reminder_sent", "Reminder sent"
        SURVEY_SENT = "survey_sent", "Survey sent"
        RATED = "rated", "Rated"
        SECRET_REDACTED = "secret_redacted", "Secret redacted"

    class Actor(models.TextChoices):
        SYSTEM = "system", "System"
        AGENT = "agent", "Agent"
        CUSTOMER = "customer", "Customer"

    # No database constraint: its per-row checks at commit took about 30 % of a worst-case SLA
    # sweep (docs/decisions/0004). Events are written only by tickets services, for a ticket the
    # same transaction holds; tickets are never deleted by the product, and the ORM cascade stays.
    ticket = models.ForeignKey(
        Ticket,
        on_delete=models.CASCADE,
        related_name="events",
        db_constraint=False,
        db_index=False,  # event_ticket leads with it
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    actor_type = models.CharField(max_length=10, choices=Actor.choices)
    actor_agent = models.ForeignKey(
        Agent, on_delete=models.SET_NULL, null=True, blank=True, db_index=False
    )
    data = models.JSONField(default=dict, blank=True)
    customer_visible = models.BooleanField(default=False)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["ticket", "created_at", "id"], name="event_ticket"),
            # System events (most of them) have no agent: they skip this index.
            models.Index(
                fields=["actor_agent"],
                condition=models.Q(actor_agent__isnull=False),
                name="event_actor_agent",
            ),
        ]

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("ticket events are immutable")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[override]
        raise ValueError("ticket events are immutable")


class TicketLink(models.Model):
    class Kind(models.TextChoices):
        DUPLICATE_OF = "duplicate_of", "Duplicate of"
        RELATED = "related", "Related to"
        PARENT_INCIDENT = "parent_incident", "Part of incident"
        FOLLOW_UP_OF = "follow_up_of", "Follow-up of"

    source = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="link_once"),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="link_not_self"
            ),
        ]


class SatisfactionSurvey(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="surveys")
    sent_at = models.DateTimeField()
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    comment = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=5),
                name="survey_score_range",
            )
        ]
