from django.contrib import admin
from django.http import HttpRequest, JsonResponse
from django.urls import include, path

from walletdesk.api.api import api


def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("health", health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("console/", include("walletdesk.console.urls")),
    path("inbox/telegram/", include("walletdesk.inbox.adapters.telegram.urls")),
    path("", include("walletdesk.kb.urls")),
    path("", include("walletdesk.guard.urls")),
    path("", include("walletdesk.portal.urls")),
]
