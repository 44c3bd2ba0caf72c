"""Request and response shapes of the knowledge-base endpoints (/api/v1/kb, /api/v1/agent/kb)."""

from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field

ReaderLanguage = Literal["zh-hans", "zh-hant", "en"]
EditLanguage = Literal["zh-hans", "zh-hant", "en"]
VisibilityIn = Literal["public", "internal", "draft", "archived"]


class In(Schema):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SearchIn(In):
    q: str = Field(min_length=1, max_length=500)
    language: ReaderLanguage = "en"
    limit: int = Field(5, ge=1, le=20)


class HitOut(Schema):
    slug: str
    language: str
    title: str
    summary: str
    score: float
    category: str
    intents: list[str]


class RelatedOut(Schema):
    slug: str
    title: str


class ArticleOut(Schema):
    slug: str
    category: str
    intents: list[str]
    tags: list[str]
    language: str
    source_language: str
    title: str
    summary: str
    html: str
    outdated: bool
    related: list[RelatedOut]


class VoteIn(In):
    language: ReaderLanguage = "en"
    helpful: bool


class CaseOut(Schema):
    id: int
    language: str
    intent: str
    title: str
    body: str
    status: str
    published_at: datetime | None


class ArticleCreateIn(In):
    slug: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)
    category: str = Field(max_length=20)
    intents: list[str] = Field(default_factory=list, max_length=10)
    tags: list[str] = Field(default_factory=list, max_length=30)


class RevisionIn(In):
    language: EditLanguage
    title: str = Field(min_length=1, max_length=200)
    summary: str = Field("", max_length=2000)
    body: str = Field(min_length=1, max_length=100_000)
    phrasings: list[str] = Field(default_factory=list, max_length=50)
    note: str = Field("", max_length=200)
    base_revision: int | None = Field(
        None, ge=0, description="the revision the edit started from (0: new); 409 if overtaken"
    )


class PreviewIn(In):
    body: str = Field(max_length=100_000)


class PublishIn(In):
    visibility: VisibilityIn = "public"
    publish_at: datetime | None = None


class RestoreIn(In):
    language: EditLanguage
    number: int = Field(ge=1)


class TranslationOut(Schema):
    language: str
    title: str
    summary: str
    body: str
    phrasings: list[str]
    revision: int
    updated_at: datetime
    outdated: bool


class EditorArticleOut(Schema):
    slug: str
    category: str
    intents: list[str]
    tags: list[str]
    visibility: str
    publish_at: datetime | None
    translations: list[TranslationOut]
    stats: dict[str, dict[str, int]]


class RevisionOut(Schema):
    number: int
    language: str
    title: str
    author: str | None
    note: str
    created_at: datetime


class CompareOut(Schema):
    language: str
    old: int
    new: int
    diff: str


class CaseDraftIn(In):
    ticket_id: int


class CaseApproveIn(In):
    title: str | None = Field(None, max_length=200)
    body: str | None = Field(None, max_length=20_000)


class ImageOut(Schema):
    id: int
    url: str
    markdown: str
    content_type: str
    size: int
