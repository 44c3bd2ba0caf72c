"""The console's review of drafted public cases: editors publish (text anonymised again) or
reject; others cannot."""

import pytest
from django.urls import reverse

from tests import factories as f
from tests.kb.test_published_cases import ADDRESS, resolved  # noqa: F401 (fixture)
from walletdesk.accounts.models import Agent
from walletdesk.kb import services
from walletdesk.kb.models import PublishedCase


@pytest.fixture
def case(resolved):  # noqa: F811
    ticket, agent = resolved
    return services.case_draft(ticket=ticket, actor=agent)


@pytest.fixture
def editor_client(client, db):
    client.force_login(f.agent("lin", role=Agent.Role.EDITOR).user)
    return client


def test_drafts_are_listed_and_shown_rendered(editor_client, case):
    listing = editor_client.get(reverse("console:kb_cases")).content.decode()
    assert reverse("console:kb_case", args=[case.id]) in listing
    page = editor_client.get(reverse("console:kb_case", args=[case.id])).content.decode()
    assert "OUT_OF_ENERGY" in page and 'class="kb-rendered"' in page


def test_publishing_with_an_edit_anonymises_the_edit(editor_client, case):
    url = reverse("console:kb_case_decide", args=[case.id, "approve"])
    body = f"{case.body}\n\nThe customer later sent more to {ADDRESS}."
    assert editor_client.post(url, {"title": case.title, "body": body}).status_code == 302
    case.refresh_from_db()
    assert case.status == PublishedCase.Status.PUBLISHED
    assert ADDRESS not in case.body and "later sent more to" in case.body


def test_rejecting_and_deciding_twice(editor_client, case):
    url = reverse("console:kb_case_decide", args=[case.id, "reject"])
    assert editor_client.post(url).status_code == 302
    case.refresh_from_db()
    assert case.status == PublishedCase.Status.REJECTED
    approve = reverse("console:kb_case_decide", args=[case.id, "approve"])
    response = editor_client.post(approve, follow=True)
    assert "Only a draft case can be approved." in response.content.decode()
    case.refresh_from_db()
    assert case.status == PublishedCase.Status.REJECTED


def test_plain_agents_cannot_publish(client, case):
    client.force_login(f.agent("plain", role=Agent.Role.AGENT).user)
    url = reverse("console:kb_case_decide", args=[case.id, "approve"])
    assert client.post(url).status_code == 403
    case.refresh_from_db()
    assert case.status == PublishedCase.Status.DRAFT
