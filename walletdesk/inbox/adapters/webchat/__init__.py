"""Web chat: a websocket for the customer's browser (protocol.py) and an embeddable widget.

Imported while Django loads apps, so the adapter function imports lazily.
"""

from walletdesk.inbox.adapters import Adapter
from walletdesk.inbox.types import OutboundMessage


def _send(outbound: OutboundMessage) -> str:
    from walletdesk.inbox.adapters.webchat.live import session_poke

    return session_poke(outbound)


ADAPTER = Adapter(channel="chat", send=_send, identity_kind="web")
