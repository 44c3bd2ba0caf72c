"""Rows stored before held ticket access tokens in clear. The migrations turn the old
confirmation link into the portal's "send me a new link" page (the outbox then sends that), a
session's token into a grant, and seal the API's stored idempotent answers (replays still
work): the token is left in no row."""

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.guard import leakcheck
from walletdesk.api.intake import tracking_url
from walletdesk.api.models import IdempotencyRecord
from walletdesk.api.services import idempotent
from walletdesk.core.clock import now
from walletdesk.inbox.models import Delivery
from walletdesk.inbox.services.outbox import outbound_build
from walletdesk.portal.services import confirmation_text
from walletdesk.tickets.models import Message
from walletdesk.tickets.services.conversation import message_build, outbound_save

BEFORE = [("portal", None), ("guard", "0003_audit_append_only_triggers")]


def migrate(targets: list[tuple[str, str | None]]) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)


@pytest.fixture
def before_migration(transactional_db, settings):
    settings.ROOT_URLCONF = "walletdesk.config.urls"
    migrate(BEFORE)
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def stored() -> str:
    data = Session.objects.values_list("session_data", flat=True)
    sessions = [repr(SessionStore().decode(value)) for value in data]
    return "\n".join([*leakcheck.database_text().values(), *sessions])


def test_tokens_stored_before_are_in_no_row_after_the_migrations(before_migration):
    factories.default_policies()
    factories.team()
    ticket, token = factories.ticket(language="en")
    old_link = tracking_url(ticket, token)
    at = now()
    body = confirmation_text(ticket=ticket, link=old_link)  # what the old confirmation stored
    outbound_save(message_build(ticket, Message.Direction.OUTBOUND, body, channel="email", at=at))
    quoted = f"Thanks!\n> Follow it with your private tracking link:\n> {old_link}\n"
    message_build(ticket, Message.Direction.INBOUND, quoted, channel="email", at=at).save()
    old_session = SessionStore()
    old_session["portal_tokens"] = {ticket.number: token}
    old_session.create()
    app = factories.app_client()[0]
    answer = {"number": ticket.number, "access_token": token, "tracking_url": old_link}
    IdempotencyRecord.objects.create(
        client=app, key="k1", request_hash="h", status_code=201, response=answer
    )
    assert token in stored()

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert token not in stored()
    new_link = f"/track/new-link/?number={ticket.number}"
    sent = outbound_build(Delivery.objects.get())  # the outbox sends the migrated text
    assert new_link in sent.text and "?token=" not in sent.text
    assert new_link in Message.objects.get(body_text__startswith="Thanks!").body_text
    browser = Client()  # the old session still opens the ticket, through a grant now
    browser.cookies[settings.SESSION_COOKIE_NAME] = old_session.session_key
    assert browser.get(reverse("portal:track", args=[ticket.number])).status_code == 200
    replay = idempotent(client=app, key="k1", fingerprint="h", call=lambda: (500, {}))
    assert replay == (201, answer)  # the sealed answer is replayed whole
