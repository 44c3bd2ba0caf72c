from django.contrib import admin
from django.http import HttpRequest, JsonResponse
from django.urls import path

from walletdesk.api.api import api


def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("health", health, name="health"),
]
