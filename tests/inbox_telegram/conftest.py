import pytest

from tests.inbox_telegram.fake_bot_api import FakeBotApi

TOKEN = "123456:TEST-token_abcdefghijklmnop"
SECRET = "webhook-secret-for-tests"


@pytest.fixture
def bot_api(settings):
    fake = FakeBotApi().start()
    settings.TELEGRAM = {
        "API_BASE": fake.base_url,
        "BOTS": {"support": {"token": TOKEN, "secret": SECRET}},
        "POLL_TIMEOUT_SECONDS": 0,
    }
    settings.OUTBOUND = {**settings.OUTBOUND, "ALLOWED_HOSTS": ["127.0.0.1"]}
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    yield fake
    fake.stop()


@pytest.fixture
def post_update(client, django_capture_on_commit_callbacks):
    """POST a raw update to the webhook as Telegram does; on-commit work runs at once."""

    def post(body: bytes, *, secret: str = SECRET, bot: str = "support"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                f"/inbox/telegram/{bot}/",
                data=body,
                content_type="application/json",
                headers={"X-Telegram-Bot-Api-Secret-Token": secret},
            )

    return post
