"""The console's knowledge-base editor (editors only): list, create, edit a translation with a
live preview beside the other language, history with compare and restore, visibility and
scheduled publishing, images. Every write goes through `walletdesk.kb.services`."""

from collections.abc import Callable
from functools import wraps
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from walletdesk.console import labels
from walletdesk.console.kb_forms import (
    ArticleMetaForm,
    ArticleNewForm,
    ImageForm,
    TranslationForm,
    VisibilityForm,
)
from walletdesk.console.views.common import AgentRequest, agent_required
from walletdesk.core.errors import DomainError
from walletdesk.kb import images, selectors, services
from walletdesk.kb.models import Article, Language, Visibility
from walletdesk.kb.permissions import can_edit
from walletdesk.kb.render import fill_placeholders, markdown_to_html

LANGUAGE_NAMES = dict(Language.choices)
ALL_LANGUAGES = (Language.ZH_HANS, Language.EN, Language.ZH_HANT)
DIFF_CLASSES = {"+": "add", "-": "del", "@": "hunk"}


def editor_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A signed-in agent who may edit the knowledge base; others get a 403 page."""

    @agent_required
    @wraps(view)
    def wrapper(request: AgentRequest, *args, **kwargs) -> HttpResponse:
        if not can_edit(request.agent):
            return render(request, "console/kb/not_editor.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def _article(slug: str) -> Article:
    try:
        return selectors.article_get_for_editor(slug=slug)
    except DomainError as exc:
        raise Http404(str(exc)) from exc


def _language(language: str) -> str:
    if language not in LANGUAGE_NAMES:
        raise Http404("No such language.")
    return language


def _rendered(markdown: str) -> str:
    return markdown_to_html(fill_placeholders(markdown, services.placeholder_values()))


def _local(agent, value):
    return timezone.localtime(value, ZoneInfo(agent.timezone)) if value else None


@editor_required
def kb_list(request: AgentRequest) -> HttpResponse:
    query = (request.GET.get("q") or "").strip()[:100]
    visibility = request.GET.get("visibility") or ""
    visibility = visibility if visibility in Visibility.values else ""
    rows = [
        (article, states, next((s.translation.title for s in states if s.translation), ""))
        for article, states in selectors.articles_for_editor(query=query, visibility=visibility)
    ]
    context = {
        "rows": rows,
        "query": query,
        "visibility": visibility,
        "visibilities": labels.options("kb_visibility"),
        "now": timezone.now(),
        "section": "kb",
    }
    return render(request, "console/kb/list.html", context)


@editor_required
def kb_new(request: AgentRequest) -> HttpResponse:
    form = ArticleNewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meta = services.ArticleMeta(
            category=data["category"], intents=data["intents"], tags=data["tags"]
        )
        try:
            article = services.article_create(slug=data["slug"], meta=meta, actor=request.agent)
            services.article_set_related(
                article=article, slugs=data["related"], actor=request.agent
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Article created: write its first translation."))
            return redirect("console:kb_edit", slug=article.slug, language=Language.ZH_HANS)
    return render(request, "console/kb/new.html", {"form": form, "section": "kb"})


def _meta_initial(article: Article) -> dict:
    return {
        "category": article.category,
        "intents": article.intents,
        "tags": " ".join(article.tags),
        "related": " ".join(a.slug for a in article.related.all()),
    }


def _article_page(request: AgentRequest, article: Article, **forms) -> HttpResponse:
    publish_at = _local(request.agent, article.publish_at)
    context = {
        "article": article,
        "states": selectors.translation_states(article=article, languages=ALL_LANGUAGES),
        "languages": LANGUAGE_NAMES,
        "meta_form": forms.get("meta_form") or ArticleMetaForm(initial=_meta_initial(article)),
        "visibility_form": forms.get("visibility_form")
        or VisibilityForm(
            initial={"visibility": article.visibility, "publish_at": publish_at},
            tz=request.agent.timezone,
        ),
        "scheduled": article.publish_at is not None and article.publish_at > timezone.now(),
        "publish_at": publish_at,
        "images": [
            (img, images.markdown_for(img.id, img.name))
            for img in selectors.article_images(article=article)
        ],
        "image_form": forms.get("image_form") or ImageForm(),
        "stats": selectors.article_stats(article=article),
        "section": "kb",
    }
    status = 400 if forms else 200
    return render(request, "console/kb/article.html", context, status=status)


@editor_required
def kb_article(request: AgentRequest, slug: str) -> HttpResponse:
    return _article_page(request, _article(slug))


@require_POST
@editor_required
def kb_meta(request: AgentRequest, slug: str) -> HttpResponse:
    article = _article(slug)
    form = ArticleMetaForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        meta = services.ArticleMeta(
            category=data["category"], intents=data["intents"], tags=data["tags"]
        )
        try:
            services.article_update_meta(article=article, meta=meta, actor=request.agent)
            services.article_set_related(
                article=article, slugs=data["related"], actor=request.agent
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Details saved."))
            return redirect("console:kb_article", slug=slug)
    return _article_page(request, article, meta_form=form)


@require_POST
@editor_required
def kb_visibility(request: AgentRequest, slug: str) -> HttpResponse:
    article = _article(slug)
    form = VisibilityForm(request.POST, tz=request.agent.timezone)
    if form.is_valid():
        try:
            services.article_set_visibility(
                article=article,
                visibility=form.cleaned_data["visibility"],
                publish_at=form.cleaned_data["publish_at"],
                actor=request.agent,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Visibility saved."))
            return redirect("console:kb_article", slug=slug)
    return _article_page(request, article, visibility_form=form)


def _translation_initial(tr) -> dict:
    if tr is None:
        return {"base_revision": 0}
    return {
        "title": tr.title,
        "summary": tr.summary,
        "phrasings": "\n".join(tr.phrasings),
        "body": tr.body,
        "base_revision": tr.revision,
    }


def _save_translation(request: AgentRequest, article: Article, language: str, form) -> bool:
    data = form.cleaned_data
    draft = services.TranslationDraft(
        language=language,
        title=data["title"],
        summary=data["summary"],
        body=data["body"],
        phrasings=data["phrasings"],
    )
    try:
        revision = services.revision_create(
            article=article,
            draft=draft,
            author=request.agent,
            note=data["note"],
            expected_revision=data["base_revision"],
        )
    except DomainError as exc:
        form.add_error(None, exc.message)
        return False
    if revision is None:
        messages.info(request, _("Nothing changed: no new revision."))
    else:
        messages.success(request, _("Saved as revision %(n)s.") % {"n": revision.number})
    return True


@editor_required
def kb_edit(request: AgentRequest, slug: str, language: str) -> HttpResponse:
    article, language = _article(slug), _language(language)
    states = {s.language: s for s in selectors.translation_states(article=article)}
    state = states.get(language)
    current = state.translation if state else None
    form = TranslationForm(request.POST or None, initial=_translation_initial(current))
    saved = request.method == "POST" and form.is_valid()
    if saved and _save_translation(request, article, language, form):
        return redirect("console:kb_edit", slug=slug, language=language)
    others = [s for lang, s in states.items() if lang != language and s.translation]
    body = form["body"].value() or ""
    context = {
        "article": article,
        "language": language,
        "language_name": LANGUAGE_NAMES[language],
        "languages": LANGUAGE_NAMES,
        "form": form,
        "state": state,
        "older_others": [s for s in others if current and language in s.newer],
        "preview_html": _rendered(body),
        "others": [(s, _rendered(s.translation.body)) for s in others if s.translation],
        "images": [
            (img, images.markdown_for(img.id, img.name))
            for img in selectors.article_images(article=article)
        ],
        "section": "kb",
    }
    return render(request, "console/kb/edit.html", context, status=400 if form.errors else 200)


@require_POST
@editor_required
def kb_preview(request: AgentRequest) -> HttpResponse:
    """htmx: the draft's Markdown as readers will get it (placeholders, sanitizer)."""
    body = (request.POST.get("body") or "")[:200_000]
    title = (request.POST.get("title") or "")[:200]
    return render(request, "console/kb/_preview.html", {"html": _rendered(body), "title": title})


@editor_required
def kb_history(request: AgentRequest, slug: str, language: str) -> HttpResponse:
    article, language = _article(slug), _language(language)
    revisions = list(selectors.revision_list(article=article, language=language))
    numbers = {r.number: r for r in revisions}
    diff, old, new = [], None, None
    try:
        old = numbers.get(int(request.GET.get("old", "")))
        new = numbers.get(int(request.GET.get("new", "")))
    except ValueError:
        pass
    if old and new:
        text = selectors.revision_compare(old=old, new=new)
        diff = [(DIFF_CLASSES.get(line[:1], ""), line) for line in text.splitlines()]
    context = {
        "article": article,
        "language": language,
        "language_name": LANGUAGE_NAMES[language],
        "revisions": revisions,
        "old": old,
        "new": new,
        "diff": diff,
        "section": "kb",
    }
    return render(request, "console/kb/history.html", context)


@require_POST
@editor_required
def kb_restore(request: AgentRequest, slug: str, language: str, number: int) -> HttpResponse:
    article, language = _article(slug), _language(language)
    try:
        revision = selectors.revision_get(article=article, language=language, number=number)
        restored = services.revision_restore(revision=revision, author=request.agent)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if restored is None:
            messages.info(request, _("Revision %(n)s is the current text.") % {"n": number})
        else:
            messages.success(
                request,
                _("Revision %(old)s restored as revision %(new)s.")
                % {"old": number, "new": restored.number},
            )
    return redirect("console:kb_history", slug=slug, language=language)


@require_POST
@editor_required
def kb_image_upload(request: AgentRequest, slug: str) -> HttpResponse:
    article = _article(slug)
    form = ImageForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["image"]
        try:
            image = services.article_image_add(
                article=article, upload=upload, filename=upload.name, actor=request.agent
            )
        except DomainError as exc:
            form.add_error("image", exc.message)
        else:
            messages.success(
                request,
                _("Image attached. Put it in the text with: %(md)s")
                % {"md": images.markdown_for(image.id, image.name)},
            )
            return redirect("console:kb_article", slug=slug)
    return _article_page(request, article, image_form=form)


@require_POST
@editor_required
def kb_image_delete(request: AgentRequest, slug: str, image_id: int) -> HttpResponse:
    article = _article(slug)
    image = selectors.article_images(article=article).filter(id=image_id).first()
    if image is None:
        raise Http404("No such image.")
    services.article_image_delete(image=image, actor=request.agent)
    messages.success(request, _("Image removed."))
    return redirect("console:kb_article", slug=slug)
