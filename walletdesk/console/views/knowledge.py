"""Knowledge-base articles to insert into a reply, found in the customer's language."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render

from walletdesk.console.views.common import AgentRequest, agent_required
from walletdesk.kb.selectors import article_search

LANGUAGES = ("zh-hans", "en")


@agent_required
def kb_suggest(request: AgentRequest) -> HttpResponse:
    query = (request.GET.get("kb_q") or "").strip()[:200]
    language = request.GET.get("lang") or "en"
    language = language if language in LANGUAGES else "en"
    hits = article_search(query=query, language=language, limit=5) if query else []
    portal = settings.WALLETDESK["PORTAL_URL"]
    items = [
        {"title": h.title, "summary": h.summary, "link": f"{portal}/help/{h.slug}/"} for h in hits
    ]
    return render(request, "console/_kb_hits.html", {"items": items, "query": query})
