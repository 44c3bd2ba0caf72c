"""The webhook: check the secret, store the update (or spool it when the database fails),
answer 200. Processing comes later."""

import hmac
import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from walletdesk.inbox.adapters.telegram import parse as tg
from walletdesk.inbox.adapters.telegram import services
from walletdesk.inbox.adapters.telegram.config import bot_get

logger = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 (a header name)


def _secret_ok(expected: str, given: str) -> bool:
    """Constant time; a bot without a configured secret accepts nothing."""
    return bool(expected) and hmac.compare_digest(expected.encode(), given.encode())


@csrf_exempt
@require_POST
def webhook(request: HttpRequest, bot: str) -> HttpResponse:
    config = bot_get(bot)
    given = request.headers.get(SECRET_HEADER, "")
    if config is None or not _secret_ok(config.secret, given):
        # The same answer for an unknown bot and a wrong secret.
        return JsonResponse({"ok": False}, status=403)
    try:
        services.update_receive(bot=config, body=request.body)  # stored or spooled, durably
    except tg.InvalidUpdate as exc:
        return JsonResponse({"ok": False, "error": str(exc)}, status=400)
    return JsonResponse({"ok": True})
