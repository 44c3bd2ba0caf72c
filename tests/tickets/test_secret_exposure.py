"""Secrets customers paste never reach the database; the ticket goes to Security at once."""

import base58
import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from mnemonic import Mnemonic

from tests import factories as f
from tests.api.conftest import new_ticket_payload
from walletdesk.accounts.models import Team
from walletdesk.tickets.models import Message, TicketEvent
from walletdesk.tickets.services import customer_message_add, ticket_transition

pytestmark = pytest.mark.django_db

PHRASE = Mnemonic("english").to_mnemonic(bytes(range(16)))
PHRASE_ZH = Mnemonic("chinese_simplified").to_mnemonic(bytes(range(32, 48)))
KEY_HEX = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
WIF = base58.b58encode_check(b"\x80" + bytes.fromhex(KEY_HEX) + b"\x01").decode()


@pytest.fixture
def desk(db):
    f.default_policies()
    frontline = f.team("frontline")
    security = f.team("security", kind=Team.Kind.SECURITY)
    return {
        "frontline": frontline,
        "security": security,
        "agent": f.agent("alice", teams=[frontline]),
        "guard": f.agent("sam", teams=[security], skills=["security"]),
    }


def stored_text() -> str:
    """Every text and JSON value of every row in the database, as one string."""
    chunks: list[str] = []
    for model in apps.get_models():
        names = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, (models.CharField, models.TextField, models.JSONField))
        ]
        if names:
            chunks.extend(str(row) for row in model.objects.values_list(*names))
    return "\n".join(chunks)


def assert_nowhere(secret_words: list[str]) -> None:
    text = stored_text()
    assert " ".join(secret_words) not in text
    assert "".join(secret_words) not in text


def test_phrase_in_new_ticket_is_redacted_and_ticket_goes_to_security(desk):
    ticket, _ = f.ticket(body=f"is my wallet ok? my words are {PHRASE} thanks")
    message = ticket.messages.get(direction=Message.Direction.INBOUND)
    assert "[redacted: recovery phrase]" in message.body_text
    assert PHRASE.split()[3] not in message.body_text.replace("redacted", "")
    assert (ticket.category, ticket.priority) == ("security", "urgent")
    assert ticket.team == desk["security"]
    assert ticket.intent == "seed_phrase_exposed"
    assert ticket.assignee == desk["guard"]
    assert "secret-exposed" in {t.name for t in ticket.tags.all()}
    event = ticket.events.get(kind=TicketEvent.Kind.SECRET_REDACTED)
    assert event.data == {"kinds": ["recovery_phrase"]} and not event.customer_visible
    warning = ticket.messages.get(direction=Message.Direction.OUTBOUND)
    assert "never ask" in warning.body_text
    assert_nowhere(PHRASE.split())


def test_chinese_customer_is_warned_in_chinese(desk):
    customer = f.customer(language="zh-hans")
    ticket, _ = f.ticket(customer, subject="钱包问题", body=f"我的助记词是{PHRASE_ZH}请帮我看看")
    warning = ticket.messages.get(direction=Message.Direction.OUTBOUND)
    assert "绝不会" in warning.body_text
    assert_nowhere(PHRASE_ZH.split())


def test_subject_html_and_metadata_are_redacted(desk):
    ticket, _ = f.ticket(
        subject=f"key {WIF}",
        body="see the details",
        body_html=f"<p>private key: <b>{KEY_HEX}</b></p><script>alert(1)</script>",
        metadata={"device": "Pixel", "notes": [f"wif {WIF}"], "tx_hashes": [KEY_HEX[::-1]]},
    )
    assert WIF not in ticket.subject and "[redacted: WIF private key]" in ticket.subject
    assert ticket.metadata["notes"] == ["wif [redacted: WIF private key]"]
    assert ticket.metadata["device"] == "Pixel"
    assert ticket.metadata["tx_hashes"] == [KEY_HEX[::-1]]  # declared hashes stay usable
    assert ticket.priority == "urgent"
    assert WIF not in stored_text() and KEY_HEX not in stored_text()


def test_html_is_sanitized_and_kept_when_clean(desk):
    ticket, _ = f.ticket(body="hello", body_html='<p onclick="x()">hi</p><script>bad()</script>')
    html = ticket.messages.get().body_html
    assert html == "<p>hi</p>"


def test_transaction_hash_stays_usable(desk):
    body = f"my transfer txid: {KEY_HEX} has not arrived"
    ticket, _ = f.ticket(body=body)
    assert ticket.messages.get().body_text == body
    assert ticket.category != "security"
    assert not ticket.events.filter(kind=TicketEvent.Kind.SECRET_REDACTED).exists()


def test_secret_in_a_later_message_moves_ticket_to_security(desk):
    ticket, _ = f.ticket()
    assert ticket.team == desk["frontline"]
    ticket, message = customer_message_add(
        ticket=ticket, body=f"here is my key {WIF}", channel="app"
    )
    assert message.body_text == "here is my key [redacted: WIF private key]"
    ticket.refresh_from_db()
    assert (ticket.priority, ticket.category) == ("urgent", "security")
    assert ticket.team == desk["security"]
    assert ticket.events.filter(kind=TicketEvent.Kind.TEAM_CHANGED).exists()
    assert WIF not in stored_text()


def test_secret_sent_to_a_closed_ticket_is_redacted_in_the_follow_up(desk):
    ticket, _ = f.ticket()
    for status in ("open", "resolved", "closed"):
        ticket_transition(ticket=ticket, to=status, actor=desk["agent"])
    follow_up, message = customer_message_add(ticket=ticket, body=PHRASE, channel="app")
    assert follow_up.id != ticket.id
    assert message.body_text == "[redacted: recovery phrase]"
    assert follow_up.team == desk["security"]
    assert follow_up.events.filter(kind=TicketEvent.Kind.SECRET_REDACTED).exists()
    assert_nowhere(PHRASE.split())


def test_api_intake_with_idempotency_stores_no_secret(desk):
    _client, key = f.app_client()
    app = Client(headers={"Authorization": f"Bearer {key}"})
    payload = new_ticket_payload(body=f"助记词 {PHRASE_ZH}", subject=f"help {PHRASE}")
    for _ in range(2):
        response = app.post(
            "/api/v1/tickets",
            payload,
            content_type="application/json",
            headers={"Idempotency-Key": "k-secret"},
        )
        assert response.status_code == 201, response.content
    assert PHRASE not in response.content.decode()
    assert_nowhere(PHRASE.split())
    assert_nowhere(PHRASE_ZH.split())
