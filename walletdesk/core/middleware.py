"""The project's own middleware: the request-size limit (413 with the API's JSON error shape)
and SyncChain, which keeps the chain in one thread under the ASGI server."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse


class BodySizeLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            return JsonResponse(
                {
                    "error": {
                        "code": "payload_too_large",
                        "message": f"Request body is {length} bytes; the limit is "
                        f"{settings.MAX_REQUEST_BYTES} bytes.",
                    }
                },
                status=413,
            )
        return self.get_response(request)


class SyncChain:
    """Last in the middleware stack, on purpose sync-only: under the ASGI server Django then
    runs the whole chain and the (sync) views in one thread, entered once per request. With the
    innermost middleware async-capable, each of Django's MiddlewareMixin middlewares runs in
    async mode and hops to a thread and back for its process_request and process_response:
    the Telegram webhook took 93-102 updates/s that way, 118-129/s with this (session 5)."""

    sync_capable = True
    async_capable = False

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)
