"""A web chat conversation: a visitor's browser holds its token, we keep only the hash."""

from django.db import models


class ChatSession(models.Model):
    public_id = models.CharField(
        max_length=32, unique=True, help_text="the visitor's identity value and conversation id"
    )
    token_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the token")
    language = models.CharField(max_length=10, blank=True)
    display_name = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"chat {self.public_id}"
