"""The knowledge-base REST endpoints: public help centre and agents' editing."""

import pytest
from django.test import Client

from tests import factories as f
from tests.kb.conftest import make_article

pytestmark = pytest.mark.django_db
ENERGY = ("TRON energy explained", "Energy pays for **contract** calls.")


def client_for(agent) -> Client:
    return Client(headers={"Authorization": f"Bearer {f.agent_token(agent)}"})


def test_public_search_and_read(db):
    make_article("energy", en=ENERGY, zh=("波场能量说明", "能量用于合约调用。"))
    hits = Client().get("/api/v1/kb/search", {"q": "能量", "language": "zh-hans"}).json()
    assert hits[0]["slug"] == "energy" and hits[0]["language"] == "zh-hans"
    body = Client().get("/api/v1/kb/articles/energy", {"language": "en"}).json()
    assert body["title"] == ENERGY[0] and "<strong>contract</strong>" in body["html"]


def test_public_cannot_read_drafts(db):
    make_article("energy", en=ENERGY, visibility="draft")
    response = Client().get("/api/v1/kb/articles/energy")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_vote_is_recorded(db):
    make_article("energy", en=ENERGY)
    response = Client().post(
        "/api/v1/kb/articles/energy/vote",
        {"language": "en", "helpful": True},
        content_type="application/json",
    )
    assert response.status_code == 204


def test_editor_revises_compares_restores_and_publishes(editor):
    make_article("energy", en=ENERGY, visibility="draft")
    c = client_for(editor)
    base = "/api/v1/agent/kb/articles/energy"
    revised = c.post(
        f"{base}/revisions",
        {"language": "en", "title": ENERGY[0], "body": "Energy and bandwidth.", "note": "more"},
        content_type="application/json",
    )
    assert revised.status_code == 201
    assert [r["number"] for r in c.get(f"{base}/revisions", {"language": "en"}).json()] == [2, 1]
    diff = c.get(f"{base}/compare", {"language": "en", "old": 1, "new": 2}).json()["diff"]
    assert "+Energy and bandwidth." in diff
    restored = c.post(
        f"{base}/restore", {"language": "en", "number": 1}, content_type="application/json"
    ).json()
    assert restored["translations"][0]["body"] == ENERGY[1]
    published = c.post(f"{base}/publish", {"visibility": "public"}, content_type="application/json")
    assert published.json()["visibility"] == "public"
    assert Client().get("/api/v1/kb/articles/energy").status_code == 200


def test_plain_agent_can_search_internal_but_not_edit(plain_agent):
    make_article("energy", en=ENERGY, visibility="internal")
    c = client_for(plain_agent)
    assert c.get("/api/v1/agent/kb/search", {"q": "energy"}).json()[0]["slug"] == "energy"
    assert Client().get("/api/v1/kb/search", {"q": "energy"}).json() == []
    response = c.post(
        "/api/v1/agent/kb/articles",
        {"slug": "new-one", "category": "how_to"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_editor_creates_an_article_with_known_intents_only(editor):
    c = client_for(editor)
    ok = c.post(
        "/api/v1/agent/kb/articles",
        {"slug": "new-one", "category": "how_to", "intents": ["fees_and_resources"]},
        content_type="application/json",
    )
    assert ok.status_code == 201 and ok.json()["visibility"] == "draft"
    bad = c.post(
        "/api/v1/agent/kb/articles",
        {"slug": "other", "category": "how_to", "intents": ["no_such_intent"]},
        content_type="application/json",
    )
    assert bad.status_code == 400


def test_preview_renders_sanitized_html(editor):
    html = (
        client_for(editor)
        .post(
            "/api/v1/agent/kb/preview",
            {"body": "Hi <b>x</b> from {{ brand }}"},
            content_type="application/json",
        )
        .json()["html"]
    )
    assert "<b>" not in html and "{{" not in html
