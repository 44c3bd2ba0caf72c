"""Agents, teams, shifts, customers and their identities on each channel."""

from django.conf import settings
from django.db import models


class Language(models.TextChoices):
    ZH_HANS = "zh-hans", "简体中文"
    EN = "en", "English"


class BusinessCalendar(models.Model):
    """When a team's SLA clock runs: around the clock, or business hours with holidays."""

    name = models.CharField(max_length=80, unique=True)
    timezone = models.CharField(max_length=64, default="UTC")
    always_open = models.BooleanField(default=True, help_text="24/7: ignores hours and holidays")

    def __str__(self) -> str:
        return self.name


class BusinessHours(models.Model):
    calendar = models.ForeignKey(BusinessCalendar, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(help_text="0 = Monday … 6 = Sunday")
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(condition=models.Q(weekday__lte=6), name="hours_weekday_range"),
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")), name="hours_order"
            ),
        ]


class Holiday(models.Model):
    calendar = models.ForeignKey(
        BusinessCalendar, on_delete=models.CASCADE, related_name="holidays"
    )
    date = models.DateField()
    name = models.CharField(max_length=120, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["calendar", "date"], name="holiday_once")]


class Team(models.Model):
    class Kind(models.TextChoices):
        FRONTLINE = "frontline", "Frontline"
        EXPERTS = "experts", "Chain experts"
        SECURITY = "security", "Security"
        OTHER = "other", "Other"

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=40, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.FRONTLINE)
    calendar = models.ForeignKey(BusinessCalendar, on_delete=models.PROTECT, related_name="teams")

    def __str__(self) -> str:
        return self.name


class Agent(models.Model):
    class Role(models.TextChoices):
        AGENT = "agent", "Agent"
        EXPERT = "expert", "Expert"
        SECURITY = "security", "Security"
        EDITOR = "editor", "Knowledge-base editor"
        SUPERVISOR = "supervisor", "Supervisor"
        ADMIN = "admin", "Admin"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agent"
    )
    display_name = models.CharField(max_length=80)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.AGENT)
    teams = models.ManyToManyField(Team, related_name="agents", blank=True)
    skills = models.JSONField(
        default=list, blank=True, help_text='e.g. ["tron", "evm", "security"]'
    )
    languages = models.JSONField(default=list, blank=True, help_text='e.g. ["zh-hans", "en"]')
    timezone = models.CharField(max_length=64, default="UTC")
    capacity = models.PositiveSmallIntegerField(default=20, help_text="most open tickets at once")
    is_available = models.BooleanField(default=True, help_text="off = away, takes no new tickets")
    last_assigned_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_supervisor(self) -> bool:
        return self.role in {self.Role.SUPERVISOR, self.Role.ADMIN}


class Shift(models.Model):
    """A weekly working window in the agent's time zone; `ends <= starts` wraps past midnight."""

    agent = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="shifts")
    weekday = models.PositiveSmallIntegerField(help_text="0 = Monday … 6 = Sunday")
    starts = models.TimeField()
    ends = models.TimeField()

    class Meta:
        ordering = ["agent", "weekday", "starts"]
        constraints = [
            models.CheckConstraint(condition=models.Q(weekday__lte=6), name="shift_weekday_range"),
        ]


class Customer(models.Model):
    class Segment(models.TextChoices):
        NOVICE = "novice", "Novice"
        REGULAR = "regular", "Regular"
        PRO = "pro", "Pro"

    display_name = models.CharField(max_length=120, blank=True)
    language = models.CharField(max_length=10, choices=Language.choices, default=Language.EN)
    segment = models.CharField(max_length=10, choices=Segment.choices, default=Segment.NOVICE)
    segment_set_by_agent = models.BooleanField(default=False)
    account_created_at = models.DateTimeField(null=True, blank=True, help_text="from the app")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.display_name or f"Customer {self.pk}"


class CustomerIdentity(models.Model):
    class Kind(models.TextChoices):
        APP_USER = "app_user", "App user id"
        EMAIL = "email", "Email"
        TELEGRAM = "telegram", "Telegram id"
        X = "x", "X handle"
        PHONE = "phone", "Phone"
        WEB = "web", "Web visitor"

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="identities")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    value = models.CharField(max_length=255)
    verified = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="identity_unique")]


class CustomerAddress(models.Model):
    """A public wallet address a customer mentioned. Never a key."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="addresses")
    chain = models.CharField(max_length=20, blank=True)
    address = models.CharField(max_length=128)
    first_seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["customer", "chain", "address"], name="address_once")
        ]


class Notification(models.Model):
    """An in-app notice for an agent. `data` holds what the text is made of (accounts.notices
    says it in the reader's language); `text` is the English rendering, for the API and admin."""

    class Kind(models.TextChoices):
        SLA_BREACH = "sla_breach", "SLA breached"
        SLA_WARNING = "sla_warning", "SLA due soon"
        LOW_SCORE = "low_csat", "Low satisfaction score"
        ESCALATED = "escalated", "Escalated to your team"
        ASSIGNED = "assigned", "Assigned to you"

    agent = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=40, choices=Kind.choices)
    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)
    text = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["agent", "read_at", "-id"], name="notification_inbox"),
            models.Index(fields=["agent", "-id"], name="notification_list"),
        ]
