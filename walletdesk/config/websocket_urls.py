"""Websocket routes. Empty until the console and the web chat add their consumers."""

from walletdesk.console.routing import websocket_urlpatterns as console_ws
from walletdesk.inbox.adapters.webchat.routing import websocket_urlpatterns as webchat_ws

websocket_urlpatterns: list = [*console_ws, *webchat_ws]
