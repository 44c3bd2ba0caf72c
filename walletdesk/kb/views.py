"""Article images for readers: served through the guard's safe attachment response."""

from django.http import HttpRequest

from walletdesk.accounts.models import Agent
from walletdesk.guard.responses import Found, attachment_view
from walletdesk.kb.selectors import image_for_reader

IMAGE_CACHE = "private, max-age=3600"  # content never changes under an id (hash-named file)


def _load(request: HttpRequest, image_id: int, name: str) -> Found | None:
    is_agent = request.user.is_authenticated and Agent.objects.filter(user=request.user).exists()
    image = image_for_reader(image_id=image_id, name=name, agent=is_agent)
    if image is None:
        return None
    return image.file.open("rb"), image.name, image.content_type


_serve = attachment_view(_load)


def image(request: HttpRequest, image_id: int, name: str):
    """GET /kb/images/<id>/<name>: the bytes as a nosniff, sandboxed attachment (an <img>
    still shows it); 404 alike for absent and not visible."""
    response = _serve(request, image_id=image_id, name=name)
    response["Cache-Control"] = IMAGE_CACHE
    return response
