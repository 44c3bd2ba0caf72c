"""Images attached to articles: the type is told by the bytes, size is limited, files are
served as nosniff sandboxed attachments to those who may read the article, and articles show
only our own image URLs."""

import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories
from tests.kb.conftest import make_article
from walletdesk.accounts.models import Agent
from walletdesk.core.errors import InvalidInput, PermissionDenied
from walletdesk.kb import services
from walletdesk.kb.models import ArticleImage
from walletdesk.kb.selectors import article_read


def png_bytes() -> bytes:
    """A real 1×1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def lin(db):
    return factories.agent("lin", role=Agent.Role.EDITOR)


def _add(article, data: bytes, name: str, actor):
    return services.article_image_add(
        article=article, upload=io.BytesIO(data), filename=name, actor=actor
    )


def test_a_png_is_stored_under_its_hash_with_the_sniffed_type(lin):
    article = make_article("energy", en=("Energy", "Text."))
    image = _add(article, png_bytes(), "../../My Screenshot.PNG", lin)
    assert (image.content_type, image.name, image.size) == (
        "image/png",
        "My-Screenshot.png",
        len(png_bytes()),
    )
    assert image.file.name.endswith(image.sha256[:32] + ".png")
    assert "Screenshot" not in image.file.name and ".." not in image.file.name
    assert image.url == f"/kb/images/{image.id}/My-Screenshot.png"


@pytest.mark.parametrize(
    "data",
    [
        b"<html><script>alert(1)</script></html>",  # HTML named .png
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',  # SVG can run script
        b"%PDF-1.7 ...",
        b"",
    ],
)
def test_files_that_are_not_raster_images_are_refused(lin, data):
    article = make_article("energy", en=("Energy", "Text."))
    with pytest.raises(InvalidInput) as exc:
        _add(article, data, "picture.png", lin)
    assert exc.value.code == "image_type"
    assert not ArticleImage.objects.exists()


def test_images_over_the_size_limit_are_refused(lin, settings):
    settings.KB_IMAGE_MAX_BYTES = 100
    article = make_article("energy", en=("Energy", "Text."))
    with pytest.raises(InvalidInput) as exc:
        _add(article, png_bytes() + b"\x00" * 100, "big.png", lin)
    assert exc.value.code == "image_too_large"


def test_only_editors_attach_images(db):
    article = make_article("energy", en=("Energy", "Text."))
    agent = factories.agent("plain", role=Agent.Role.AGENT)
    with pytest.raises(PermissionDenied):
        _add(article, png_bytes(), "a.png", agent)


def test_served_as_a_sandboxed_nosniff_attachment_of_the_sniffed_type(client, lin):
    article = make_article("energy", en=("Energy", "Text."))
    image = _add(article, png_bytes(), "a.png", lin)
    response = client.get(image.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png_bytes()
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Content-Disposition"].startswith("attachment")


def test_images_of_unpublished_articles_are_for_agents_only(client, lin):
    draft = make_article("draft", en=("Energy", "Text."), visibility="draft")
    image = _add(draft, png_bytes(), "a.png", lin)
    assert client.get(image.url).status_code == 404
    assert client.get(f"/kb/images/{image.id}/other-name.png").status_code == 404
    client.force_login(lin.user)
    assert client.get(image.url).status_code == 200


def test_articles_show_their_images_and_no_foreign_ones(lin):
    article = make_article("energy", en=("Energy", "Text."))
    image = _add(article, png_bytes(), "a.png", lin)
    body = f"![Energy panel]({image.url})\n\n![tracker](https://tracker.example/p.gif)"
    draft = services.TranslationDraft(language="en", title="Energy", body=body)
    services.revision_create(article=article, draft=draft, author=lin)
    html = article_read(slug="energy", language="en").html
    assert f'<img src="{image.url}" alt="Energy panel">' in html
    assert "tracker.example" not in html and "<p>tracker</p>" in html


def test_upload_and_remove_in_the_console(client, lin, django_capture_on_commit_callbacks):
    make_article("energy", en=("Energy", "Text."))
    client.force_login(lin.user)
    url = reverse("console:kb_image_upload", args=["energy"])
    fake = SimpleUploadedFile("x.png", b"<html></html>", content_type="image/png")
    response = client.post(url, {"image": fake})
    assert (
        response.status_code == 400 and "Only PNG, JPEG, GIF and WebP" in response.content.decode()
    )
    real = SimpleUploadedFile("shot.png", png_bytes(), content_type="text/html")
    assert client.post(url, {"image": real}).status_code == 302
    image = ArticleImage.objects.get()
    assert image.content_type == "image/png"  # what the bytes say, not the upload's claim
    page = client.get(reverse("console:kb_article", args=["energy"])).content.decode()
    assert f"![shot]({image.url})" in page
    path = image.file.path
    delete = reverse("console:kb_image_delete", args=["energy", image.id])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(delete).status_code == 302
    assert not ArticleImage.objects.exists()
    assert not Path(path).exists()
