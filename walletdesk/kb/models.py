"""Knowledge-base articles, their translations and revisions, reader feedback, public cases.

The search index is not a model: `search_index.py` keeps an FTS5 table (SQLite) or a tsvector
column with a GIN index (PostgreSQL) on `SearchEntry`, written by the services on every change.
"""

from django.db import models

from walletdesk.accounts.models import Agent
from walletdesk.kb.images import image_url


class Language(models.TextChoices):
    ZH_HANS = "zh-hans", "简体中文"
    ZH_HANT = "zh-hant", "繁體中文"
    EN = "en", "English"


class Category(models.TextChoices):
    TECHNICAL = "technical", "Technical"
    SECURITY = "security", "Security"
    HOW_TO = "how_to", "How to"
    ACCOUNT = "account", "Account"
    FEEDBACK = "feedback", "Feedback"
    HANDOFF = "handoff", "Human help"
    OTHER = "other", "Other"


class Visibility(models.TextChoices):
    PUBLIC = "public", "Public"
    INTERNAL = "internal", "Internal (agents only)"
    DRAFT = "draft", "Draft"
    ARCHIVED = "archived", "Archived"


class Article(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.OTHER)
    intents = models.JSONField(default=list, blank=True, help_text="taxonomy intent slugs")
    tags = models.JSONField(default=list, blank=True)
    related = models.ManyToManyField("self", symmetrical=False, blank=True)
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.DRAFT
    )
    publish_at = models.DateTimeField(
        null=True, blank=True, help_text="public/internal articles show from this time on"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug


class ArticleTranslation(models.Model):
    """The current text of an article in one language (the latest revision, denormalised)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=10, choices=Language.choices)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    body = models.TextField(help_text="markdown with {{ placeholders }}")
    phrasings = models.JSONField(default=list, blank=True, help_text="questions it answers")
    revision = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "language"], name="kb_translation_once")
        ]

    def __str__(self) -> str:
        return f"{self.article.slug} [{self.language}]"


class ArticleRevision(models.Model):
    """An immutable snapshot of one translation; restoring copies an old one forward."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    language = models.CharField(max_length=10, choices=Language.choices)
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    body = models.TextField()
    phrasings = models.JSONField(default=list, blank=True)
    author = models.ForeignKey(Agent, on_delete=models.SET_NULL, null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["article", "language", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language", "number"], name="kb_revision_number_once"
            )
        ]


class SearchEntry(models.Model):
    """Pre-segmented tokens of one translation (space-separated), mirrored into the index."""

    translation = models.OneToOneField(
        ArticleTranslation, on_delete=models.CASCADE, primary_key=True, related_name="search"
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=10, choices=Language.choices)
    title = models.TextField()
    phrasings = models.TextField()
    body = models.TextField()
    updated_at = models.DateTimeField(db_index=True)


class SearchTerm(models.Model):
    """How many indexed translations hold a term: BM25's idf, and which query words to drop."""

    term = models.CharField(max_length=64, primary_key=True)
    df = models.IntegerField(default=0)


class ArticleStat(models.Model):
    """Views and "was this helpful?" votes of an article in one reader language."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="stats")
    language = models.CharField(max_length=10, choices=Language.choices)
    views = models.PositiveIntegerField(default=0)
    helpful = models.PositiveIntegerField(default=0)
    not_helpful = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "language"], name="kb_stat_once")]


class PublishedCase(models.Model):
    """A resolved ticket told publicly, without the customer's identity, addresses or amounts."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Rejected"

    ticket = models.ForeignKey(
        "tickets.Ticket", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    language = models.CharField(max_length=10, choices=Language.choices)
    intent = models.CharField(max_length=40, blank=True)
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="markdown, anonymised")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    drafted_by = models.ForeignKey(
        Agent, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        Agent, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["ticket"],
                condition=~models.Q(status="rejected"),
                name="kb_case_once_per_ticket",
            )
        ]


class ArticleImage(models.Model):
    """An image attached to an article, shown from its markdown at /kb/images/<id>/<name>.

    `content_type` is what the file's bytes say (kb.images.sniff), not what the upload claimed;
    the stored file name is derived from its SHA-256, never from the upload.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images")
    file = models.FileField(upload_to="kb/images/%Y/%m/")
    name = models.CharField(max_length=100, help_text="URL-safe name, extension of the type")
    content_type = models.CharField(max_length=30)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(Agent, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.article.slug}/{self.name}"

    @property
    def url(self) -> str:
        return image_url(self.id, self.name)
