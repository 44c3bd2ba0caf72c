"""Which web pages may open the chat socket: `WALLETDESK["WEBCHAT_ALLOWED_ORIGINS"]`.

The chat is embedded by the wallet's own sites, so its allow-list is its own, not
ALLOWED_HOSTS (the console's socket keeps that one). Read on every connection, so a settings
change needs no restart of the router. Patterns as in Channels' `OriginValidator`:
"https://wallet.example" exactly (scheme, host, port), "wallet.example" for any scheme and
port, a leading dot for subdomains too, "*" for anyone.
"""

from typing import Any

from channels.security.websocket import OriginValidator

from walletdesk.core.conf import desk_setting


class ChatOriginValidator(OriginValidator):
    """Refuses the websocket handshake (HTTP 403) when the Origin header is not allowed or
    missing."""

    def __init__(self, application: Any) -> None:
        super().__init__(application, allowed_origins=[])

    def valid_origin(self, parsed_origin: Any) -> bool:
        allowed = list(desk_setting("WEBCHAT_ALLOWED_ORIGINS"))
        if parsed_origin is None:
            return "*" in allowed
        return any(p == "*" or self.match_allowed_origin(parsed_origin, p) for p in allowed)
