from django.urls import path

from walletdesk.inbox.adapters.webchat.consumers import ChatConsumer
from walletdesk.inbox.adapters.webchat.origins import ChatOriginValidator

# The chat checks the Origin against its own allow-list (WEBCHAT_ALLOWED_ORIGINS).
websocket_urlpatterns = [path("ws/chat/", ChatOriginValidator(ChatConsumer.as_asgi()))]
