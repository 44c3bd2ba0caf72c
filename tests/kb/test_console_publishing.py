"""The console editor's visibility form: publish now, schedule in the editor's time zone,
make internal, archive; search follows."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from tests import factories
from tests.kb.conftest import make_article
from walletdesk.accounts.models import Agent
from walletdesk.core.clock import frozen_at
from walletdesk.kb.models import Article
from walletdesk.kb.selectors import article_search

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def editor_client(client, db):
    lin = factories.agent("lin", role=Agent.Role.EDITOR, tz="Asia/Shanghai")
    client.force_login(lin.user)
    return client


def _post(client, **data):
    return client.post(reverse("console:kb_visibility", args=["energy"]), data)


def test_scheduling_uses_the_editors_time_zone_and_search_waits_for_it(editor_client):
    make_article("energy", en=("TRON energy", "Energy text."), visibility="draft")
    when = datetime.now(SHANGHAI).replace(second=0, microsecond=0) + timedelta(days=1)
    response = _post(editor_client, visibility="public", publish_at=when.strftime("%Y-%m-%dT%H:%M"))
    assert response.status_code == 302
    article = Article.objects.get(slug="energy")
    assert article.visibility == "public" and article.publish_at == when
    assert article_search(query="energy", language="en") == []
    page = editor_client.get(reverse("console:kb_article", args=["energy"])).content.decode()
    assert "Scheduled" in page
    with frozen_at(when + timedelta(minutes=1)):
        assert [h.slug for h in article_search(query="energy", language="en")] == ["energy"]


def test_internal_and_archived(editor_client):
    make_article("energy", en=("TRON energy", "Energy text."))
    _post(editor_client, visibility="internal", publish_at="")
    assert article_search(query="energy", language="en") == []
    assert article_search(query="energy", language="en", audience="agent")
    _post(editor_client, visibility="archived", publish_at="")
    assert Article.objects.get(slug="energy").visibility == "archived"
    assert article_search(query="energy", language="en", audience="agent") == []


def test_an_article_without_text_cannot_be_published(editor_client):
    editor_client.post(
        reverse("console:kb_new"), {"slug": "energy", "category": "how_to", "tags": ""}
    )
    response = _post(editor_client, visibility="public", publish_at="")
    assert response.status_code == 400
    assert "at least one translation" in response.content.decode()
    assert Article.objects.get(slug="energy").visibility == "draft"
