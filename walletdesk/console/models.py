"""Console-only state: an agent's saved queue views, macros (prepared replies), and the hourly
ticket flow the supervisor view charts (a rollup of ticket events kept by the worker)."""

from django.core.exceptions import ValidationError
from django.db import models

from walletdesk.accounts.models import Agent, Team


class SavedView(models.Model):
    """A named queue with its filters, kept per agent (e.g. "TRON, urgent, unassigned")."""

    agent = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="saved_views")
    name = models.CharField(max_length=60)
    params = models.JSONField(default=dict, help_text="the queue's query parameters")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agent", "name"], name="saved_view_name_once")
        ]

    def __str__(self) -> str:
        return self.name


class Macro(models.Model):
    """A prepared reply (Zendesk's macro): a body per language to fill the reply box with, and a
    status and tags applied when the reply is sent. Global, shared with a team, or personal."""

    class SetStatus(models.TextChoices):
        PENDING = "pending", "Pending (waiting on customer)"
        ON_HOLD = "on_hold", "On hold"
        RESOLVED = "resolved", "Resolved"

    name = models.CharField(max_length=80, help_text="shown in English and as the fallback")
    name_zh_hans = models.CharField(
        "name (Simplified Chinese)", max_length=80, blank=True, help_text="shown in Chinese"
    )
    body_en = models.TextField("body (English)", blank=True)
    body_zh_hans = models.TextField("body (Simplified Chinese)", blank=True)
    status = models.CharField(
        max_length=20, choices=SetStatus.choices, blank=True, help_text="set on send (optional)"
    )
    tags = models.JSONField(
        default=list, blank=True, help_text='added on send, e.g. ["refund", "tron"]'
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.CASCADE, help_text="shared with this team"
    )
    agent = models.ForeignKey(
        Agent, null=True, blank=True, on_delete=models.CASCADE, help_text="personal to this agent"
    )

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(team__isnull=True) | models.Q(agent__isnull=True),
                name="macro_team_or_agent",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not isinstance(self.tags, list) or not all(isinstance(t, str) for t in self.tags):
            raise ValidationError({"tags": 'A list of tag names, e.g. ["refund", "tron"].'})
        if self.team_id and self.agent_id:
            raise ValidationError("Share a macro with a team or keep it personal, not both.")

    def body_for(self, language: str) -> str:
        """The body in the ticket's language; empty when the macro has none in it."""
        return self.body_zh_hans if language.startswith("zh") else self.body_en

    def name_for(self, language: str) -> str:
        """The name in the agent's language, else the English one."""
        return (language.startswith("zh") and self.name_zh_hans) or self.name


class FlowHour(models.Model):
    """Tickets created and resolved in one hour (UTC), desk-wide: what the supervisor view's
    created-vs-resolved charts read instead of scanning a million tickets per page view."""

    hour = models.DateTimeField(unique=True)
    created = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.hour:%Y-%m-%d %H}h +{self.created} -{self.resolved}"


class FlowCursor(models.Model):
    """The one row saying which ticket events the flow rollup has counted (ids up to
    `event_id`); locked by the worker that rolls up, so two workers never count twice."""

    event_id = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField()
