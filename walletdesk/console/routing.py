"""Websocket routes of the console (session-authenticated)."""

from channels.auth import AuthMiddlewareStack
from django.urls import path

from walletdesk.console.consumers import TicketPresenceConsumer

websocket_urlpatterns = [
    path(
        "ws/console/tickets/<int:ticket_id>/",
        AuthMiddlewareStack(TicketPresenceConsumer.as_asgi()),
    ),
]
