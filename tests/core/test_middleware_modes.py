"""Under the ASGI server the middleware chain and the (sync) views run in one thread entered
once per request: SyncChain, last in MIDDLEWARE, keeps Django from running each middleware in
async mode with a thread hop for its process_request and process_response. In that mode the
project's middleware still does its work."""

import pytest
from asgiref import sync
from asgiref.sync import async_to_sync
from django.conf import settings as django_settings
from django.test import AsyncClient

from tests import factories as f


def thread_hops(monkeypatch) -> list[object]:
    hops: list[object] = []
    original = sync.SyncToAsync.__init__

    def counting(self, func, *args, **kwargs):
        hops.append(func)
        original(self, func, *args, **kwargs)

    monkeypatch.setattr(sync.SyncToAsync, "__init__", counting)
    return hops


def test_sync_chain_is_last_and_saves_thread_hops(monkeypatch, settings):
    assert django_settings.MIDDLEWARE[-1] == "walletdesk.core.middleware.SyncChain"
    hops = thread_hops(monkeypatch)
    assert async_to_sync(AsyncClient().get)("/health").status_code == 200
    with_chain = len(hops)
    settings.MIDDLEWARE = django_settings.MIDDLEWARE[:-1]
    hops.clear()
    assert async_to_sync(AsyncClient().get)("/health").status_code == 200
    assert with_chain < len(hops), (with_chain, len(hops))


def test_a_static_file_is_served_under_asgi():
    response = async_to_sync(AsyncClient().get)("/static/console/console.js")
    assert response.status_code == 200
    assert b"WebSocket" in b"".join(response.streaming_content)


def test_an_oversized_body_is_refused_under_asgi(settings):
    settings.MAX_REQUEST_BYTES = 100
    response = async_to_sync(AsyncClient().post)(
        "/api/v1/tickets", data=b"x" * 101, content_type="application/json"
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"


@pytest.mark.django_db(transaction=True)
def test_unverified_staff_are_sent_to_the_second_factor_under_asgi(settings):
    settings.STAFF_2FA_REQUIRED = True
    agent = f.agent("staffer", teams=[f.team()])
    client = AsyncClient()
    async_to_sync(client.aforce_login)(agent.user)
    page = async_to_sync(client.get)("/console/queue/")
    assert page.status_code == 302 and "next=" in page["Location"]
    api = async_to_sync(client.get)("/api/v1/agent/queues/open")
    assert api.status_code == 403 and api.json()["error"]["code"] == "second_factor_required"
