"""Websocket routes. Empty until the console and the web chat add their consumers."""

websocket_urlpatterns: list = []
