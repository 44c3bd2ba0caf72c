"""Help centre: browse and search the knowledge base in the reader's language.

Reads go through walletdesk.kb.selectors (the one search, the one article reader); the view
counter and the "was this helpful?" vote through walletdesk.kb.services.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from walletdesk.core.errors import NotFound
from walletdesk.kb import selectors as kb
from walletdesk.kb.services import article_view_record, article_vote
from walletdesk.portal.selectors import help_articles

SEARCH_LIMIT = 20


def reader_language() -> str:
    return "zh-hans" if (get_language() or "").lower().startswith("zh") else "en"


def help_home(request: HttpRequest) -> HttpResponse:
    query = (request.GET.get("q") or "").strip()[:200]
    language = reader_language()
    context: dict[str, object] = {"q": query, "section": "help"}
    if query:
        context["hits"] = kb.article_search(query=query, language=language, limit=SEARCH_LIMIT)
    else:
        context["groups"] = help_articles(language=language)
    return render(request, "portal/help.html", context)


def help_article(request: HttpRequest, slug: str) -> HttpResponse:
    language = reader_language()
    try:
        view = kb.article_read(slug=slug, language=language)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    article_view_record(article=view.article, language=view.language)
    voted = request.session.get("help_voted", [])
    context = {"a": view, "voted": slug in voted, "section": "help"}
    return render(request, "portal/help_article.html", context)


@require_POST
def help_vote(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        view = kb.article_read(slug=slug, language=reader_language())
    except NotFound as exc:
        raise Http404(exc.message) from exc
    voted = request.session.get("help_voted", [])
    if slug not in voted:  # one vote per article and visitor session
        article_vote(
            article=view.article, language=view.language, helpful=request.POST.get("helpful") == "1"
        )
        request.session["help_voted"] = [*voted, slug][-200:]
    return redirect("portal:help_article", slug=slug)
