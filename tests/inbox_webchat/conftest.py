import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator


@pytest.fixture
def run():
    """Run an async test body (no pytest-asyncio here)."""
    return lambda coro_fn: async_to_sync(coro_fn)()


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def connect_chat() -> WebsocketCommunicator:
    from walletdesk.config.asgi import application

    return WebsocketCommunicator(
        application, "/ws/chat/", headers=[(b"origin", b"http://testserver")]
    )


async def hello(comm: WebsocketCommunicator, token: str = "", after: int = 0) -> dict:
    connected, _ = await comm.connect()
    assert connected
    await comm.send_json_to({"type": "hello", "token": token, "after": after, "language": "en"})
    welcome = await comm.receive_json_from()
    assert welcome["type"] == "welcome"
    return welcome


async def say(comm: WebsocketCommunicator, client_id: str, text: str) -> dict:
    """Send a message and return its ack (skipping message frames pushed meanwhile)."""
    await comm.send_json_to({"type": "message", "id": client_id, "text": text})
    while True:
        frame = await comm.receive_json_from(timeout=5)
        if frame["type"] in {"ack", "error"}:
            return frame


async def frames_until_quiet(comm: WebsocketCommunicator) -> list[dict]:
    frames = []
    while not await comm.receive_nothing(timeout=0.3):
        frames.append(await comm.receive_json_from())
    return frames
