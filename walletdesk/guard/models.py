"""Official channels, phishing lists, known scam accounts, audit log, anti-phishing codes."""

from django.conf import settings
from django.db import models

from walletdesk.accounts.models import Customer


class ChannelKind(models.TextChoices):
    DOMAIN = "domain", "Web domain"
    APP_STORE = "app_store", "App store listing (URL)"
    TELEGRAM = "telegram", "Telegram account"
    X = "x", "X account"
    REDDIT = "reddit", "Reddit account"
    EMAIL = "email", "Email address"
    PHONE = "phone", "Support phone number"


class OfficialChannel(models.Model):
    """A domain, listing, account, address or number that genuinely belongs to the desk.

    Values are stored normalized (see `guard.channels.normalize`): the admin form does it.
    """

    kind = models.CharField(max_length=20, choices=ChannelKind.choices)
    value = models.CharField(max_length=255)
    label = models.CharField(max_length=120, blank=True, help_text="shown on the verify page")
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="official_channel_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


class BrandName(models.Model):
    """A name scammers imitate (product, company); domains containing it are flagged."""

    name = models.CharField(max_length=60, unique=True, help_text="lower case, e.g. walletdesk")

    def __str__(self) -> str:
        return self.name


class PhishingEntry(models.Model):
    """One line of a MetaMask eth-phishing-detect style list (host names)."""

    class Kind(models.TextChoices):
        ALLOW = "allow", "Allowlist"
        BLOCK = "block", "Blocklist"
        FUZZY = "fuzzy", "Fuzzylist"

    class Source(models.TextChoices):
        IMPORT = "import", "Imported list"
        MANUAL = "manual", "Added by an admin"
        CONFIRMED = "confirmed", "Confirmed from a report"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    domain = models.CharField(max_length=253)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "phishing entries"
        constraints = [models.UniqueConstraint(fields=["kind", "domain"], name="phishing_once")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.domain}"


class PhishingSettings(models.Model):
    """One row (pk 1): the fuzzy tolerance of the last imported list, and the registry's
    revision, bumped by every guard write so that each process reloads its copy."""

    tolerance = models.PositiveSmallIntegerField(default=1)
    revision = models.PositiveBigIntegerField(default=0, editable=False)
    imported_at = models.DateTimeField(null=True, blank=True)
    imported_version = models.CharField(max_length=40, blank=True)

    class Meta:
        verbose_name_plural = "phishing settings"


class ScamChannel(models.Model):
    """An account, address or number confirmed to impersonate the desk."""

    kind = models.CharField(max_length=20, choices=ChannelKind.choices)
    value = models.CharField(max_length=255)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="scam_channel_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


class AntiPhishingCode(models.Model):
    """A customer's personal phrase shown in every genuine message from the desk."""

    customer = models.OneToOneField(
        Customer, on_delete=models.CASCADE, related_name="anti_phishing_code"
    )
    code = models.CharField(max_length=32)
    updated_at = models.DateTimeField(auto_now=True)


class AppendOnlyError(Exception):
    pass


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit entries cannot be changed")

    def delete(self):
        raise AppendOnlyError("audit entries cannot be deleted")


class AuditEntry(models.Model):
    """An append-only record of a security-relevant action. Never updated, never deleted."""

    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(max_length=150, blank=True, help_text="kept if user deleted")
    action = models.CharField(max_length=60, db_index=True)
    target_type = models.CharField(max_length=60, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit entries cannot be deleted")
