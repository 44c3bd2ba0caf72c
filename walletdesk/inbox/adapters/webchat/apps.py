from django.apps import AppConfig


class WebchatConfig(AppConfig):
    name = "walletdesk.inbox.adapters.webchat"
    label = "inbox_webchat"
    verbose_name = "Inbox: web chat"
