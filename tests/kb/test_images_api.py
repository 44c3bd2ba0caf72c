"""Agents' API for article images and for saving a revision against the one it started from."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests import factories as f
from tests.kb.conftest import make_article
from tests.kb.test_article_images import png_bytes
from walletdesk.kb.models import ArticleImage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def client_for(agent) -> Client:
    return Client(headers={"Authorization": f"Bearer {f.agent_token(agent)}"})


def test_editor_attaches_and_lists_images(editor):
    make_article("energy", en=("Energy", "Text."))
    api = client_for(editor)
    upload = SimpleUploadedFile("panel.png", png_bytes(), content_type="application/x-anything")
    response = api.post("/api/v1/agent/kb/articles/energy/images", {"file": upload})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["content_type"] == "image/png" and body["markdown"] == f"![panel]({body['url']})"
    listed = api.get("/api/v1/agent/kb/articles/energy/images").json()
    assert [i["id"] for i in listed] == [body["id"]]


def test_not_an_image_and_not_an_editor_are_refused(editor, plain_agent):
    make_article("energy", en=("Energy", "Text."))
    fake = SimpleUploadedFile("panel.png", b"<svg onload=alert(1)>", content_type="image/png")
    response = client_for(editor).post("/api/v1/agent/kb/articles/energy/images", {"file": fake})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "image_type"
    real = SimpleUploadedFile("panel.png", png_bytes())
    response = client_for(plain_agent).post(
        "/api/v1/agent/kb/articles/energy/images", {"file": real}
    )
    assert response.status_code == 403
    assert not ArticleImage.objects.exists()


def test_a_revision_overtaken_by_another_answers_409(editor):
    make_article("energy", en=("Energy", "Text."))
    api = client_for(editor)
    url = "/api/v1/agent/kb/articles/energy/revisions"
    first = {"language": "en", "title": "Energy", "body": "New.", "base_revision": 1}
    assert api.post(url, first, content_type="application/json").status_code == 201
    late = {"language": "en", "title": "Energy", "body": "Mine.", "base_revision": 1}
    response = api.post(url, late, content_type="application/json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "revision_conflict"
