"""Images attached to articles: validated by their bytes and size, stored under a hash name."""

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from walletdesk.accounts.models import Agent
from walletdesk.core.clock import now
from walletdesk.core.errors import InvalidInput
from walletdesk.kb import images
from walletdesk.kb.models import Article, ArticleImage
from walletdesk.kb.services.articles import assert_editor


def _read_limited(upload, limit: int) -> bytes:
    """At most limit + 1 bytes: enough to tell that a file is too large without reading it."""
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise InvalidInput(f"The image is larger than {limit // 1024} KB.", code="image_too_large")
    return data


@transaction.atomic
def article_image_add(
    *, article: Article, upload, filename: str, actor: Agent | None
) -> ArticleImage:
    """Attach an image (PNG, JPEG, GIF or WebP, told by its bytes) to an article.

    `upload` is any binary file object (an UploadedFile, BytesIO). The stored name is the
    content's SHA-256, so the uploader's file name never reaches the file system.
    """
    assert_editor(actor)
    data = _read_limited(upload, settings.KB_IMAGE_MAX_BYTES)
    kind = images.sniff(data[: images.SNIFF_BYTES])
    if kind is None:
        raise InvalidInput(
            "Only PNG, JPEG, GIF and WebP images can be attached.", code="image_type"
        )
    digest = hashlib.sha256(data).hexdigest()
    image = ArticleImage(
        article=article,
        name=images.url_name(filename, kind),
        content_type=kind,
        size=len(data),
        sha256=digest,
        uploaded_by=actor,
        created_at=now(),
    )
    image.file.save(digest[:32] + images.EXTENSIONS[kind], ContentFile(data), save=False)
    image.save()
    return image


@transaction.atomic
def article_image_delete(*, image: ArticleImage, actor: Agent | None) -> None:
    """Detach an image; its file is removed after commit. Markdown still naming it shows a
    broken image until an editor removes the reference."""
    assert_editor(actor)
    file = image.file
    image.delete()
    transaction.on_commit(lambda: file.delete(save=False))
