"""HTTP through Django, websockets through Channels (routes are added by the console and chat)."""

import asyncio
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "walletdesk.config.settings")
django_asgi = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from walletdesk.config.websocket_urls import websocket_urlpatterns  # noqa: E402
from walletdesk.core.events import serving_loop_set  # noqa: E402
from walletdesk.core.runtime import gc_freeze_startup  # noqa: E402

router = ProtocolTypeRouter(
    {
        "http": django_asgi,
        "websocket": URLRouter(websocket_urlpatterns),  # origins checked per route
    }
)


gc_freeze_startup(load_urls=True)


async def application(scope, receive, send):
    """The router, after noting the server's event loop for realtime events from sync code."""
    if scope["type"] != "lifespan":
        serving_loop_set(asyncio.get_running_loop())
    return await router(scope, receive, send)
