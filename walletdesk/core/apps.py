from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "walletdesk.core"
    label = "core"

    def ready(self) -> None:
        from walletdesk.core import lookups  # noqa: F401 - registers __any_of
