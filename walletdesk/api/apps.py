from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ApiConfig(AppConfig):
    name = "walletdesk.api"
    label = "api"

    def ready(self) -> None:
        from walletdesk.api.models import ApiClient
        from walletdesk.api.selectors import app_client_forget

        post_save.connect(app_client_forget, sender=ApiClient, dispatch_uid="api-client-forget")
        post_delete.connect(app_client_forget, sender=ApiClient, dispatch_uid="api-client-forget")
