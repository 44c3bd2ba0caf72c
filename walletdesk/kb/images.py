"""Article images (pure): what a file really is, and which image URLs an article may show.

The type comes from the file's first bytes, never from its name or the browser's claim; SVG
(a document that can run script) is not an image here. Articles show only images stored as
their attachments, at `/kb/images/<id>/<name>`; any other image source is dropped by the
renderer (`render.markdown_to_html`).
"""

import re

# First bytes of the types we accept -> content type.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp"}
SNIFF_BYTES = 16
URL_PREFIX = "/kb/images/"
_OWN_URL = re.compile(r"^/kb/images/(\d+)/[A-Za-z0-9._-]{1,100}$")
_NAME_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def sniff(head: bytes) -> str | None:
    """The content type of an image from its first bytes; None when it is not one we accept."""
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def url_name(filename: str, content_type: str) -> str:
    """A URL-safe file name ending in the extension of the sniffed type."""
    stem = filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].rsplit(".", 1)[0]
    stem = _NAME_UNSAFE.sub("-", stem).strip("-.")[:60] or "image"
    return stem + EXTENSIONS[content_type]


def image_url(image_id: int, name: str) -> str:
    return f"{URL_PREFIX}{image_id}/{name}"


def is_own_image_url(url: str) -> bool:
    return bool(_OWN_URL.match(url or ""))


def markdown_for(image_id: int, name: str, alt: str = "") -> str:
    alt = re.sub(r"[\[\]\n]", " ", alt).strip() or name.rsplit(".", 1)[0]
    return f"![{alt}]({image_url(image_id, name)})"
