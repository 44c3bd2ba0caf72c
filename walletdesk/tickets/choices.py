"""Enumerations shared by the ticket models and the pure rule modules."""

from django.db import models


class Status(models.TextChoices):
    NEW = "new", "New"
    OPEN = "open", "Open"
    PENDING = "pending", "Pending (waiting on customer)"
    ON_HOLD = "on_hold", "On hold"
    RESOLVED = "resolved", "Resolved"
    CLOSED = "closed", "Closed"


class Priority(models.TextChoices):
    LOW = "low", "Low"
    NORMAL = "normal", "Normal"
    HIGH = "high", "High"
    URGENT = "urgent", "Urgent"


PRIORITY_RANK = {Priority.LOW: 0, Priority.NORMAL: 1, Priority.HIGH: 2, Priority.URGENT: 3}


class Category(models.TextChoices):
    TECHNICAL = "technical", "Technical"
    SECURITY = "security", "Security"
    HOW_TO = "how_to", "How-to"
    ACCOUNT = "account", "Account"
    FEEDBACK = "feedback", "Feedback"
    OTHER = "other", "Other"


class Channel(models.TextChoices):
    APP = "app", "App"
    WEB = "web", "Web portal"
    EMAIL = "email", "Email"
    TELEGRAM = "telegram", "Telegram"
    CHAT = "chat", "Web chat"
    X = "x", "X"
    PHONE = "phone", "Phone"
    AGENT = "agent", "Created by an agent"


class Chain(models.TextChoices):
    TRON = "tron", "TRON"
    EVM = "evm", "EVM chains"
    BTC = "btc", "Bitcoin"


class SlaKind(models.TextChoices):
    FIRST_RESPONSE = "first_response", "First response"
    NEXT_RESPONSE = "next_response", "Next response"
    RESOLUTION = "resolution", "Resolution"


ACTIVE_STATUSES = (Status.NEW, Status.OPEN, Status.PENDING, Status.ON_HOLD)
