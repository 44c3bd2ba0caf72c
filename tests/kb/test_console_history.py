"""The console editor's history: compare two revisions (a diff) and restore an old one."""

import pytest
from django.urls import reverse

from tests import factories
from tests.kb.conftest import make_article
from walletdesk.accounts.models import Agent
from walletdesk.kb import services
from walletdesk.kb.models import ArticleRevision, ArticleTranslation


@pytest.fixture
def editor_client(client, db):
    lin = factories.agent("lin", role=Agent.Role.EDITOR)
    client.force_login(lin.user)
    client.lin = lin
    return client


@pytest.fixture
def article(db):
    article = make_article("energy", en=("TRON energy", "Stake TRX for energy."))
    draft = services.TranslationDraft(language="en", title="TRON energy", body="Rent energy.")
    services.revision_create(article=article, draft=draft, author=None, note="rental")
    return article


def test_history_lists_revisions_and_shows_the_changes(editor_client, article):
    url = reverse("console:kb_history", args=["energy", "en"])
    page = editor_client.get(url).content.decode()
    assert "#2" in page and "#1" in page and "rental" in page
    diff = editor_client.get(url, {"old": 1, "new": 2}).content.decode()
    assert '<span class="del">-Stake TRX for energy.</span>' in diff
    assert '<span class="add">+Rent energy.</span>' in diff


def test_restore_copies_the_old_text_forward_as_a_new_revision(editor_client, article):
    url = reverse("console:kb_restore", args=["energy", "en", 1])
    response = editor_client.post(url)
    assert response.status_code == 302
    newest = ArticleRevision.objects.filter(language="en").order_by("-number").first()
    assert (newest.number, newest.body, newest.author) == (
        3,
        "Stake TRX for energy.",
        editor_client.lin,
    )
    assert newest.note == "restored #1"
    assert ArticleTranslation.objects.get(language="en").body == "Stake TRX for energy."
    assert ArticleRevision.objects.filter(language="en").count() == 3  # history kept


def test_restore_needs_post_and_an_existing_revision(editor_client, article):
    assert (
        editor_client.get(reverse("console:kb_restore", args=["energy", "en", 1])).status_code
        == 405
    )
    editor_client.post(reverse("console:kb_restore", args=["energy", "en", 9]))
    assert ArticleRevision.objects.filter(language="en").count() == 2
