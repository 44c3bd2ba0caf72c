"""`walletdesk telegram-poll`: getUpdates stores each update like the webhook does."""

import io

import pytest
from django.core.management import CommandError, call_command

from tests.inbox_telegram._payloads import load
from walletdesk.inbox.adapters.telegram.config import default_bot
from walletdesk.inbox.adapters.telegram.polling import poll_once
from walletdesk.inbox.models import InboundRecord
from walletdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db


def test_poll_stores_and_processes_and_advances_the_offset(
    bot_api, django_capture_on_commit_callbacks
):
    bot_api.updates = [load("private_text"), load("photo"), load("callback_query")]
    with django_capture_on_commit_callbacks(execute=True):
        offset, stored = poll_once(bot=default_bot(), offset=None, timeout=0)
    assert (offset, stored) == (731264011, 3)
    assert Ticket.objects.get().messages.count() == 2
    states = dict(InboundRecord.objects.values_list("external_id", "state"))
    assert states["support:731264010"] == "ignored"


def test_redelivered_updates_are_not_stored_twice(bot_api, django_capture_on_commit_callbacks):
    bot_api.updates = [load("private_text")]
    with django_capture_on_commit_callbacks(execute=True):
        poll_once(bot=default_bot(), offset=None, timeout=0)
        _offset, stored = poll_once(bot=default_bot(), offset=None, timeout=0)
    assert stored == 0
    assert InboundRecord.objects.count() == 1


def test_the_command_confirms_with_the_next_offset(bot_api):
    bot_api.updates = [load("private_text")]
    out = io.StringIO()
    call_command("telegram_poll", "--once", stdout=out)
    assert "stored 1 update(s)" in out.getvalue()
    assert bot_api.calls[0] == ("getUpdates", {"timeout": 0})


def test_a_webhook_in_place_is_reported(bot_api):
    bot_api.script(
        "getUpdates",
        409,
        {"ok": False, "error_code": 409, "description": "Conflict: can't use getUpdates method"},
    )
    with pytest.raises(CommandError, match="--delete-webhook"):
        call_command("telegram_poll", "--once", stdout=io.StringIO())
