from django.apps import AppConfig


class TicketsConfig(AppConfig):
    name = "walletdesk.tickets"
    label = "tickets"

    def ready(self) -> None:
        from walletdesk.tickets.services.desk_config import connect_signals

        connect_signals()
