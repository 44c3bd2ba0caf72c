from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    name = "walletdesk.console"
    label = "console"
    verbose_name = "Agent console"
