from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running Walletdesk: the server, the worker and demo data."""

    name = "walletdesk.ops"
    label = "ops"
