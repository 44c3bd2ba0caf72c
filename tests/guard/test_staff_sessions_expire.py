"""Staff sessions expire: the cookie lives only until the browser closes, and the server
forgets the session WALLETDESK_SESSION_SECONDS after sign-in, whatever the browser keeps."""

from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from tests import factories as f


@pytest.fixture
def signed_in(client, settings, db):
    settings.ROOT_URLCONF = "walletdesk.config.urls"
    settings.STAFF_2FA_REQUIRED = False
    settings.SESSION_COOKIE_AGE = 3600
    f.agent("liwei", teams=[f.team()])
    response = client.post(reverse("console:login"), {"username": "liwei", "password": "pw-liwei"})
    assert response.status_code == 302
    assert client.get(reverse("console:queue")).status_code == 200
    return client, response


def test_the_session_cookie_ends_with_the_browser(signed_in):
    _client, response = signed_in
    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie.value and cookie["max-age"] == "" and cookie["expires"] == ""
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_the_server_forgets_the_session_after_its_age(signed_in):
    client, _response = signed_in
    later = timezone.now() + timedelta(seconds=3600 + 60)
    with mock.patch("django.contrib.sessions.backends.db.timezone.now", return_value=later):
        response = client.get(reverse("console:queue"))
    assert response.status_code == 302 and reverse("console:login") in response.url
