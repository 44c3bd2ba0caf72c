"""Websocket routes. Each group checks the Origin itself: the console against ALLOWED_HOSTS,
the web chat against its own allow-list (it is embedded by other sites)."""

from channels.security.websocket import AllowedHostsOriginValidator
from django.urls import URLPattern

from walletdesk.console.routing import websocket_urlpatterns as console_ws
from walletdesk.inbox.adapters.webchat.routing import websocket_urlpatterns as webchat_ws


def _same_site(patterns: list[URLPattern]) -> list[URLPattern]:
    return [
        URLPattern(p.pattern, AllowedHostsOriginValidator(p.callback), p.default_args, p.name)
        for p in patterns
    ]


websocket_urlpatterns: list = [*_same_site(console_ws), *webchat_ws]
