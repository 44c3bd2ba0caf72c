from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "walletdesk.inbox"
    label = "inbox"
    verbose_name = "Inbox (channels)"

    def ready(self) -> None:
        from walletdesk.inbox import adapters

        adapters.load_builtin()
