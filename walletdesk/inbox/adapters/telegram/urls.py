from django.urls import path

from walletdesk.inbox.adapters.telegram import views

app_name = "telegram"
urlpatterns = [path("<slug:bot>/", views.webhook, name="webhook")]
