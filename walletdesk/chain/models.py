"""Stored diagnoses: one row per (ticket, hash or address), refreshed by each re-check."""

from django.db import models


class ChainDiagnosis(models.Model):
    class Kind(models.TextChoices):
        TX = "tx", "Transaction"
        ADDRESS = "address", "Address"

    class Verdict(models.TextChoices):
        NOT_FOUND = "not_found", "Not found"
        PENDING = "pending", "Pending"
        FAILED = "failed", "Failed"
        SUCCEEDED = "succeeded", "Succeeded"
        ADDRESS = "address", "Address report"
        UNAVAILABLE = "unavailable", "Could not check"

    ticket = models.ForeignKey(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="chain_diagnoses"
    )
    subject = models.CharField(max_length=100, help_text="transaction hash or address")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    chain = models.CharField(max_length=20, blank=True, help_text="tron, btc, evm:<chain id>")
    verdict = models.CharField(max_length=20, choices=Verdict.choices)
    reason = models.CharField(max_length=40)
    warnings = models.JSONField(default=list, blank=True)
    details = models.JSONField(default=dict, blank=True)
    facts = models.JSONField(default=dict, blank=True)
    summary_en = models.TextField(blank=True)
    summary_zh = models.TextField(blank=True)
    note = models.ForeignKey(
        "tickets.Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["ticket", "subject", "kind"], name="chain_diagnosis_once_per_subject"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject[:12]}… {self.verdict}"
