from django.apps import AppConfig


class GuardConfig(AppConfig):
    name = "walletdesk.guard"
    label = "guard"
    verbose_name = "Guard (security)"

    def ready(self) -> None:
        from walletdesk.guard import signals

        signals.connect()
