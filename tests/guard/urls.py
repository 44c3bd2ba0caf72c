"""Only the routes the guard tests need, so they do not depend on apps still being built."""

from django.contrib import admin
from django.urls import include, path

from walletdesk.api.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("walletdesk.guard.urls")),
]
