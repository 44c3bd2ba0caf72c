"""Credentials for API callers and the record that makes retried requests safe."""

from django.db import models

from walletdesk.accounts.models import Agent


class ApiClient(models.Model):
    """A wallet app's backend. Its key is shown once; only a hash is stored."""

    class Scope(models.TextChoices):
        TICKETS_WRITE = "tickets:write", "Create tickets and add customer messages"
        TICKETS_READ = "tickets:read", "Read a customer's tickets"
        CUSTOMER_TOKENS = "customer_tokens", "Issue signed customer tokens"

    name = models.CharField(max_length=80, unique=True)
    key_prefix = models.CharField(max_length=12, unique=True)
    key_hash = models.CharField(max_length=64)
    scopes = models.JSONField(default=list)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class AgentToken(models.Model):
    """An agent's personal API token (for scripts and integrations)."""

    agent = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    key_prefix = models.CharField(max_length=12, unique=True)
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)


class IdempotencyRecord(models.Model):
    """The first response to a request carrying an Idempotency-Key, replayed on retries."""

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE)
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True)
    response = models.JSONField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "key"], name="idempotency_once")]
