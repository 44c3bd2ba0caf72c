"""Attachments are downloaded through the guard's attachment_view: only by agents who can see
the ticket, always as a download, never sniffed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories
from walletdesk.portal.services import attachments_add


@pytest.fixture
def attachment(settings, tmp_path, desk):
    settings.MEDIA_ROOT = tmp_path
    ticket, _ = factories.ticket()
    page = SimpleUploadedFile("page.html", b"<script>alert(1)</script>", content_type="text/html")
    attachments_add(message=ticket.messages.get(), files=[page])
    return ticket.messages.get().attachments.get()


def test_agent_downloads_as_opaque_bytes(agent_client, attachment):
    ticket_page = agent_client.get(reverse("console:ticket", args=[attachment.message.ticket_id]))
    url = reverse("console:attachment", args=[attachment.id])
    assert f'href="{url}"' in ticket_page.content.decode()
    response = agent_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"<script>alert(1)</script>"
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_agent_of_another_team_gets_404(client, attachment):
    experts = factories.team("experts", kind="experts")
    outsider = factories.agent("outsider", teams=[experts])
    client.force_login(outsider.user)
    assert client.get(reverse("console:attachment", args=[attachment.id])).status_code == 404


def test_anonymous_gets_404(client, attachment):
    assert client.get(reverse("console:attachment", args=[attachment.id])).status_code == 404
