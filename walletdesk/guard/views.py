"""The public verification page at /verify/ (English and Simplified Chinese)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from walletdesk.guard import texts
from walletdesk.guard.presenters import verify_result
from walletdesk.guard.selectors import channel_verify, official_channels_public
from walletdesk.guard.throttle import client_ip, limit_setting, throttle_hit


def _language(request) -> str:
    wanted = request.GET.get("lang") or getattr(request, "LANGUAGE_CODE", texts.EN)
    return texts.ZH if wanted.lower().startswith("zh") else texts.EN


def _shown_value(kind: str, value: str) -> str:
    return f"@{value}" if kind in ("telegram", "x") else value


def _shown(result: dict, language: str) -> dict:
    """The API's bilingual result reduced to the page's language."""
    return {
        **result,
        "message": result["message"][language],
        "explanations": [e[language] for e in result["explanations"]],
    }


@require_GET
def verify_page(request):
    language = _language(request)
    value = request.GET.get("q", "").strip()[:500]
    context = {
        "lang": language,
        "other_lang": texts.EN if language == texts.ZH else texts.ZH,
        "t": texts.PAGE[language],
        "value": value,
        "never_ask": texts.NEVER_ASK[language],
        "officials": [
            (texts.KIND_LABELS[c.kind][language], _shown_value(c.kind, c.value), c.label)
            for c in official_channels_public()
        ],
    }
    status = 200
    if value:
        limit = limit_setting("VERIFY_RATE_PER_MINUTE")
        if throttle_hit(scope="verify", key=client_ip(request), limit=limit):
            context["limited"], status = True, 429
        else:
            context["result"] = _shown(verify_result(channel_verify(value=value)), language)
    return render(request, "guard/verify.html", context, status=status)
