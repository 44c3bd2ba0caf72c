"""Submitting a request on the portal: the ticket number and tracking link are shown at once."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from walletdesk.tickets.models import Attachment, Ticket
from walletdesk.tickets.selectors import ticket_get_for_token

TX = "a" * 64


def test_form_is_bilingual(client, db):
    english = client.get(reverse("portal:submit"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    chinese = client.get(reverse("portal:submit"), HTTP_ACCEPT_LANGUAGE="zh-Hans").content.decode()
    assert "Describe the problem" in english
    assert "Describe the problem" not in chinese
    assert 'lang="zh-Hans"' in chinese


def test_submit_shows_number_link_and_creates_a_web_ticket(client, desk):
    response = client.post(
        reverse("portal:submit"),
        {
            "category": "technical",
            "description": "我的USDT没有到账\n已经两个小时了",
            "chain": "tron",
            "address": "TJRabPrwbZy45sbavfcjinPJC18kjpRTv8",
            "tx_hash": TX,
        },
        HTTP_ACCEPT_LANGUAGE="zh-Hans",
    )
    assert response.status_code == 200
    ticket = Ticket.objects.get()
    token = response.context["token"]
    body = response.content.decode()
    assert ticket.number in body
    assert f"/track/{ticket.number}/?token={token}" in body
    assert ticket_get_for_token(number=ticket.number, token=token) == ticket
    assert (ticket.channel, ticket.language, ticket.chain) == ("web", "zh-hans", "tron")
    assert ticket.subject == "我的USDT没有到账"
    assert ticket.metadata["tx_hashes"] == [TX]
    assert ticket.customer.addresses.filter(address="TJRabPrwbZy45sbavfcjinPJC18kjpRTv8").exists()
    assert response["Cache-Control"].startswith("max-age=0")


def test_email_identifies_the_customer(client, desk):
    for _ in range(2):
        client.post(
            reverse("portal:submit"),
            {"category": "account", "description": "help", "email": "Ann@Example.com"},
        )
    first, second = Ticket.objects.order_by("id")
    assert first.customer_id == second.customer_id
    assert first.customer.identities.get().value == "ann@example.com"


def test_attachment_is_stored_with_its_checksum(client, desk, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    shot = SimpleUploadedFile("shot.png", b"\x89PNG fake", content_type="image/png")
    client.post(
        reverse("portal:submit"),
        {"category": "technical", "description": "see picture", "attachments": [shot]},
    )
    attachment = Attachment.objects.get()
    assert attachment.filename == "shot.png" and attachment.size == 9
    assert attachment.message.ticket == Ticket.objects.get()


def test_invalid_input_is_shown_next_to_the_field(client, desk):
    bad = SimpleUploadedFile("x.exe", b"MZ", content_type="application/x-msdownload")
    response = client.post(
        reverse("portal:submit"),
        {"category": "technical", "description": "", "tx_hash": "0x123", "attachments": [bad]},
    )
    errors = response.context["form"].errors
    assert set(errors) == {"description", "tx_hash", "attachments"}
    assert not Ticket.objects.exists()
