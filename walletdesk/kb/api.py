"""REST endpoints of the knowledge base: the public help centre and the editors' console.

Registered in walletdesk/api/api.py as /api/v1/kb (no auth) and /api/v1/agent/kb (agents;
edits need the editor right, see permissions.py). Routers parse and call one service.
"""

from django.db import transaction
from django.http import HttpRequest
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile

from walletdesk.api.auth import AgentSessionAuth, AgentTokenAuth, AuthedRequest
from walletdesk.api.schemas import ErrorOut
from walletdesk.kb import images, selectors, services
from walletdesk.kb.api_schemas import (
    ArticleCreateIn,
    ArticleOut,
    CaseApproveIn,
    CaseDraftIn,
    CaseOut,
    CompareOut,
    EditorArticleOut,
    HitOut,
    ImageOut,
    PreviewIn,
    PublishIn,
    RestoreIn,
    RevisionIn,
    RevisionOut,
    SearchIn,
    VoteIn,
)
from walletdesk.kb.render import fill_placeholders, markdown_to_html
from walletdesk.tickets.selectors import ticket_get_for_agent

public_router = Router(tags=["help centre"])
agent_router = Router(auth=[AgentTokenAuth(), AgentSessionAuth()], tags=["knowledge base"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def _hit_dicts(hits) -> list[dict]:
    return [
        {f: getattr(h, f) for f in ("slug", "language", "title", "summary", "score", "category")}
        | {"intents": list(h.intents)}
        for h in hits
    ]


@public_router.get("/search", response={200: list[HitOut], **ERRORS})
def search(request: HttpRequest, params: Query[SearchIn]):
    """Public articles answering a question, best first, in the reader's language first."""
    hits = selectors.article_search(
        query=params.q, language=params.language, audience="public", limit=params.limit
    )
    return _hit_dicts(hits)


def _article_out(view: selectors.ArticleView) -> dict:
    a = view.article
    return {
        "slug": a.slug,
        "category": a.category,
        "intents": a.intents,
        "tags": a.tags,
        "language": view.language,
        "source_language": view.source_language,
        "title": view.title,
        "summary": view.summary,
        "html": view.html,
        "outdated": view.outdated,
        "related": [{"slug": s, "title": t} for s, t in view.related],
    }


@public_router.get("/articles/{slug}", response={200: ArticleOut, **ERRORS})
def article(request: HttpRequest, slug: str, language: str = "en"):
    """An article rendered to sanitized HTML; counts a view in the reader's language."""
    view = selectors.article_read(slug=slug, language=language, audience="public")
    services.article_view_record(article=view.article, language=language)
    return _article_out(view)


@public_router.post("/articles/{slug}/vote", response={204: None, **ERRORS})
def vote(request: HttpRequest, slug: str, payload: VoteIn):
    """ "Was this helpful?" for a public article."""
    view = selectors.article_read(slug=slug, language=payload.language, audience="public")
    services.article_vote(article=view.article, language=payload.language, helpful=payload.helpful)
    return Status(204, None)


@public_router.get("/cases", response={200: list[CaseOut], **ERRORS})
def cases(request: HttpRequest, language: str | None = None, limit: int = 20):
    """Resolved cases published for transparency, newest first."""
    return selectors.cases_published(language=language, limit=min(max(limit, 1), 50))


# ----- agents and editors -------------------------------------------------------------------


@agent_router.get("/search", response={200: list[HitOut], **ERRORS})
def agent_search(request: HttpRequest, params: Query[SearchIn]):
    """The same search, including internal articles (for the reply box)."""
    hits = selectors.article_search(
        query=params.q, language=params.language, audience="agent", limit=params.limit
    )
    return _hit_dicts(hits)


def _editor_out(article) -> dict:
    translations = list(article.translations.all())
    return {
        "slug": article.slug,
        "category": article.category,
        "intents": article.intents,
        "tags": article.tags,
        "visibility": article.visibility,
        "publish_at": article.publish_at,
        "translations": [
            {
                "language": t.language,
                "title": t.title,
                "summary": t.summary,
                "body": t.body,
                "phrasings": t.phrasings,
                "revision": t.revision,
                "updated_at": t.updated_at,
                "outdated": selectors.translation_outdated(t, translations),
            }
            for t in translations
        ],
        "stats": selectors.article_stats(article=article),
    }


@agent_router.get("/articles/{slug}", response={200: EditorArticleOut, **ERRORS})
def editor_article(request: HttpRequest, slug: str):
    return _editor_out(selectors.article_get_for_editor(slug=slug))


@agent_router.post("/articles", response={201: EditorArticleOut, **ERRORS})
@transaction.atomic
def create(request: AuthedRequest, payload: ArticleCreateIn):
    meta = services.ArticleMeta(
        category=payload.category, intents=payload.intents, tags=payload.tags
    )
    article = services.article_create(slug=payload.slug, meta=meta, actor=request.auth)
    return Status(201, _editor_out(selectors.article_get_for_editor(slug=article.slug)))


@agent_router.post("/articles/{slug}/revisions", response={201: EditorArticleOut, **ERRORS})
@transaction.atomic
def revise(request: AuthedRequest, slug: str, payload: RevisionIn):
    """Save a translation as a new revision (no revision when nothing changed)."""
    draft = services.TranslationDraft(
        **payload.model_dump(include={"language", "title", "summary", "body", "phrasings"})
    )
    article = selectors.article_get_for_editor(slug=slug)
    services.revision_create(
        article=article,
        draft=draft,
        author=request.auth,
        note=payload.note,
        expected_revision=payload.base_revision,
    )
    return Status(201, _editor_out(selectors.article_get_for_editor(slug=slug)))


def _image_out(image) -> dict:
    return {
        "id": image.id,
        "url": image.url,
        "markdown": images.markdown_for(image.id, image.name),
        "content_type": image.content_type,
        "size": image.size,
    }


@agent_router.post("/articles/{slug}/images", response={201: ImageOut, **ERRORS})
def image_add(request: AuthedRequest, slug: str, file: File[UploadedFile]):
    """Attach an image (PNG, JPEG, GIF, WebP by its bytes; KB_IMAGE_MAX_BYTES at most)."""
    article = selectors.article_get_for_editor(slug=slug)
    image = services.article_image_add(
        article=article, upload=file, filename=file.name or "", actor=request.auth
    )
    return Status(201, _image_out(image))


@agent_router.get("/articles/{slug}/images", response={200: list[ImageOut], **ERRORS})
def image_list(request: HttpRequest, slug: str):
    article = selectors.article_get_for_editor(slug=slug)
    return [_image_out(i) for i in selectors.article_images(article=article)]


@agent_router.get("/articles/{slug}/revisions", response={200: list[RevisionOut], **ERRORS})
def revisions(request: HttpRequest, slug: str, language: str = "en"):
    article = selectors.article_get_for_editor(slug=slug)
    return [
        {
            "number": r.number,
            "language": r.language,
            "title": r.title,
            "author": r.author.display_name if r.author else None,
            "note": r.note,
            "created_at": r.created_at,
        }
        for r in selectors.revision_list(article=article, language=language)
    ]


@agent_router.get("/articles/{slug}/compare", response={200: CompareOut, **ERRORS})
def compare(request: HttpRequest, slug: str, language: str, old: int, new: int):
    """A unified diff between two revisions of one translation."""
    article = selectors.article_get_for_editor(slug=slug)
    a = selectors.revision_get(article=article, language=language, number=old)
    b = selectors.revision_get(article=article, language=language, number=new)
    diff = selectors.revision_compare(old=a, new=b)
    return {"language": language, "old": old, "new": new, "diff": diff}


@agent_router.post("/articles/{slug}/restore", response={201: EditorArticleOut, **ERRORS})
@transaction.atomic
def restore(request: AuthedRequest, slug: str, payload: RestoreIn):
    article = selectors.article_get_for_editor(slug=slug)
    rev = selectors.revision_get(article=article, language=payload.language, number=payload.number)
    services.revision_restore(revision=rev, author=request.auth)
    return Status(201, _editor_out(selectors.article_get_for_editor(slug=slug)))


@agent_router.post("/articles/{slug}/publish", response={200: EditorArticleOut, **ERRORS})
@transaction.atomic
def publish(request: AuthedRequest, slug: str, payload: PublishIn):
    """Set visibility: public or internal (optionally from publish_at), draft or archived."""
    article = selectors.article_get_for_editor(slug=slug)
    services.article_set_visibility(
        article=article,
        visibility=payload.visibility,
        actor=request.auth,
        publish_at=payload.publish_at,
    )
    return _editor_out(selectors.article_get_for_editor(slug=slug))


@agent_router.post("/preview", response={200: dict, **ERRORS})
def preview(request: HttpRequest, payload: PreviewIn):
    """Markdown to the sanitized HTML readers will get (placeholders filled)."""
    body = fill_placeholders(payload.body, services.placeholder_values())
    return {"html": markdown_to_html(body)}


@agent_router.post("/cases", response={201: CaseOut, **ERRORS})
@transaction.atomic
def case_draft(request: AuthedRequest, payload: CaseDraftIn):
    """Draft an anonymised public case from a resolved ticket the agent can see."""
    ticket = ticket_get_for_agent(agent=request.auth, ticket_id=payload.ticket_id)
    return Status(201, services.case_draft(ticket=ticket, actor=request.auth))


@agent_router.get("/cases/drafts", response={200: list[CaseOut], **ERRORS})
def case_drafts(request: HttpRequest):
    return selectors.cases_drafted()


@agent_router.post("/cases/{case_id}/approve", response={200: CaseOut, **ERRORS})
@transaction.atomic
def case_approve(request: AuthedRequest, case_id: int, payload: CaseApproveIn):
    case = selectors.case_get(case_id=case_id, for_update=True)
    return services.case_approve(
        case=case, actor=request.auth, title=payload.title, body=payload.body
    )


@agent_router.post("/cases/{case_id}/reject", response={200: CaseOut, **ERRORS})
@transaction.atomic
def case_reject(request: AuthedRequest, case_id: int):
    case = selectors.case_get(case_id=case_id, for_update=True)
    return services.case_reject(case=case, actor=request.auth)
