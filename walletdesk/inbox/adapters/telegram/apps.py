from django.apps import AppConfig


class TelegramConfig(AppConfig):
    name = "walletdesk.inbox.adapters.telegram"
    label = "inbox_telegram"
    verbose_name = "Inbox: Telegram"
