"""Console-only state: an agent's saved queue views."""

from django.db import models

from walletdesk.accounts.models import Agent


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
