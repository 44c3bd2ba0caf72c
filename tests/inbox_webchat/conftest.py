import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.core.cache import cache


@pytest.fixture
def run():
    """Run an async test body (no pytest-asyncio here)."""
    return lambda coro_fn: async_to_sync(coro_fn)()


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def fresh_rate_counters():
    """The rate limits count in the cache: every test starts with none used."""
    cache.clear()
    yield
    cache.clear()


def desk(settings, **overrides) -> None:
    settings.WALLETDESK = {**settings.WALLETDESK, **overrides}


def connect_chat(
    origin: bytes | None = b"http://localhost:8000", ip: str = "198.51.100.7"
) -> WebsocketCommunicator:
    from walletdesk.config.asgi import application

    headers = [(b"origin", origin)] if origin is not None else []
    comm = WebsocketCommunicator(application, "/ws/chat/", headers=headers)
    comm.scope["client"] = (ip, 50000)
    return comm


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
