import pytest

from tests import factories as f
from tests.assistant import channel_intake as channels
from tests.inbox_telegram.fake_bot_api import FakeBotApi
from walletdesk.assistant.services import conversation_start


@pytest.fixture
def desk(db):
    f.default_policies()
    frontline = f.team("frontline")
    security = f.team("security")
    f.rule(security, categories=["security"])
    return {
        "frontline": frontline,
        "agent": f.agent("alice", teams=[frontline]),
        "guard": f.agent("sam", teams=[security]),
    }


@pytest.fixture
def start(desk):
    def make(language="en", segment="", channel="app"):
        customer = f.customer(language="zh-hans" if language.startswith("zh") else "en")
        if segment:
            customer.segment = segment
            customer.save(update_fields=["segment"])
        return conversation_start(customer=customer, channel=channel, language=language)

    return make


@pytest.fixture
def on_channels(desk, settings, django_capture_on_commit_callbacks):
    """The desk with tasks run at once (the intake's follow-ups, the outbox), the assistant on
    for web chat and Telegram and `confident` on email, and a local fake Bot API. Yields a
    function that runs a channel's intake call with its after-commit work executed."""
    fake = FakeBotApi().start()
    settings.TELEGRAM = {
        "API_BASE": fake.base_url,
        "BOTS": {"support": {"token": channels.TELEGRAM_TOKEN, "secret": channels.TELEGRAM_SECRET}},
        "POLL_TIMEOUT_SECONDS": 0,
    }
    settings.OUTBOUND = {**settings.OUTBOUND, "ALLOWED_HOSTS": ["127.0.0.1"]}
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.WALLETDESK = {
        **settings.WALLETDESK,
        "ASSISTANT_CHANNELS": "chat=auto,telegram=auto,email=confident",
        "ASSISTANT_AUTO_REPLY_FROM": 0.85,
    }

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    run.bot_api = fake
    yield run
    fake.stop()
