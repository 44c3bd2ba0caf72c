"""Reads for API authentication."""

from django.core.cache import cache

from walletdesk.api.models import ApiClient
from walletdesk.core.conf import desk_setting


def _cache_key(prefix: str) -> str:
    return f"api-client:{prefix}"


def app_client_by_prefix(prefix: str) -> ApiClient | None:
    """The active app client whose key has this prefix. Kept in Django's cache for
    API_KEY_CACHE_SECONDS and dropped when the client is saved or deleted (signals below), so a
    deactivated key stops at once where the cache is shared (Redis) and within those seconds
    in other processes with a per-process cache."""
    seconds = desk_setting("API_KEY_CACHE_SECONDS")
    if seconds <= 0:
        return ApiClient.objects.filter(key_prefix=prefix, is_active=True).first()
    client = cache.get(_cache_key(prefix))
    if client is None:
        client = ApiClient.objects.filter(key_prefix=prefix, is_active=True).first()
        if client is not None:
            cache.set(_cache_key(prefix), client, seconds)
    return client


def app_client_forget(sender, instance: ApiClient, **kwargs) -> None:
    cache.delete(_cache_key(instance.key_prefix))
