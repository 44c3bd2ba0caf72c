"""Only allowed pages may open the chat socket; the console's socket keeps its own check."""

import pytest
from channels.testing import WebsocketCommunicator

from tests.inbox_webchat.conftest import connect_chat, desk, hello

pytestmark = pytest.mark.django_db(transaction=True)


def handshake(run, comm: WebsocketCommunicator) -> bool:
    async def body():
        connected, _ = await comm.connect()
        await comm.disconnect()
        return connected

    return run(body)


@pytest.mark.parametrize(
    "origin",
    [b"https://evil.example", b"https://wallet.example.evil.example", b"null", None],
)
def test_an_origin_not_on_the_list_is_refused(run, settings, origin):
    desk(settings, WEBCHAT_ALLOWED_ORIGINS=["https://wallet.example", ".partner.example"])
    assert handshake(run, connect_chat(origin=origin)) is False


@pytest.mark.parametrize(
    "origin", [b"https://wallet.example", b"https://app.partner.example", b"http://partner.example"]
)
def test_an_origin_on_the_list_is_accepted(run, settings, origin):
    desk(settings, WEBCHAT_ALLOWED_ORIGINS=["https://wallet.example", ".partner.example"])
    assert handshake(run, connect_chat(origin=origin)) is True


def test_scheme_and_port_must_match_a_full_origin(run, settings):
    desk(settings, WEBCHAT_ALLOWED_ORIGINS=["https://wallet.example"])
    assert handshake(run, connect_chat(origin=b"http://wallet.example")) is False
    assert handshake(run, connect_chat(origin=b"https://wallet.example:8443")) is False


def test_the_default_list_allows_the_local_demo_origins(run, settings):
    from django.conf import settings as live

    allowed = live.WALLETDESK["WEBCHAT_ALLOWED_ORIGINS"]
    assert "localhost" in allowed and "127.0.0.1" in allowed
    assert handshake(run, connect_chat(origin=b"http://127.0.0.1:8000")) is True
    assert handshake(run, connect_chat(origin=b"http://localhost:41234")) is True
    assert handshake(run, connect_chat(origin=b"https://wallet.example")) is False


def test_an_allowed_page_can_chat(run, settings):
    desk(settings, WEBCHAT_ALLOWED_ORIGINS=["https://wallet.example"])

    async def body():
        comm = connect_chat(origin=b"https://wallet.example")
        welcome = await hello(comm)
        await comm.disconnect()
        return welcome

    assert run(body)["token"]


def test_the_console_socket_does_not_take_the_chat_list(run, settings):
    """A wallet page allowed to embed the chat is still a foreign origin for the console."""
    from walletdesk.config.asgi import application

    desk(settings, WEBCHAT_ALLOWED_ORIGINS=["https://wallet.example"])
    comm = WebsocketCommunicator(
        application, "/ws/console/tickets/1/", headers=[(b"origin", b"https://wallet.example")]
    )
    assert handshake(run, comm) is False
