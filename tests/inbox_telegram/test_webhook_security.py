"""The webhook answers only Telegram: the secret header, compared in constant time."""

import pytest

from tests.inbox_telegram._payloads import raw
from walletdesk.inbox.models import InboundRecord

pytestmark = pytest.mark.django_db


def test_wrong_secret_is_refused_and_nothing_stored(bot_api, post_update):
    assert post_update(raw("private_text"), secret="guess").status_code == 403
    assert not InboundRecord.objects.exists()


def test_missing_secret_is_refused(bot_api, client):
    response = client.post(
        "/inbox/telegram/support/", data=raw("private_text"), content_type="application/json"
    )
    assert response.status_code == 403


def test_unknown_bot_answers_like_a_wrong_secret(bot_api, post_update):
    assert post_update(raw("private_text"), bot="other").status_code == 403


def test_a_bot_without_a_secret_accepts_nothing(bot_api, settings, post_update):
    settings.TELEGRAM["BOTS"]["support"]["secret"] = ""
    assert post_update(raw("private_text"), secret="").status_code == 403


def test_get_is_not_allowed(bot_api, client):
    assert client.get("/inbox/telegram/support/").status_code == 405


@pytest.mark.parametrize("body", [b"not json", b"[]", b'{"message": {}}'])
def test_a_body_that_is_not_an_update_is_a_400(bot_api, post_update, body):
    assert post_update(body).status_code == 400
    assert not InboundRecord.objects.exists()
