"""A PostgreSQL outage under load loses nothing.

While messages keep arriving by email (`mail_deliver`, the intake of mail-receive and
mail-lmtp), Telegram (the webhook) and web chat (the socket), the test database refuses every
connection for WD_OUTAGE_SECONDS (5 here; `WD_OUTAGE_SECONDS=30` for the full-length run):
existing backends are terminated and `ALLOW_CONNECTIONS false` keeps new ones out. The
transports must answer errors then, never an acknowledgement; the senders keep each message and
retry until acknowledged, as the MTA's queue and the widget's pending list do. The Telegram
webhook instead spools what the database refused to disk (fsynced) and acknowledges it. The
intake drain, the task worker and the sweeper (which moves the spool in) run throughout and must
survive. Afterwards every message is stored exactly once and every stored payload is processed.
"""

import asyncio
import json
import os
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import psycopg
import pytest
from channels.testing import WebsocketCommunicator
from django.db import close_old_connections, connection
from django.test import Client

from tests.inbox_telegram.fake_bot_api import FakeBotApi
from walletdesk.inbox.adapters.email.delivery import NotStored, mail_deliver
from walletdesk.inbox.adapters.telegram import spool
from walletdesk.inbox.models import InboundRecord
from walletdesk.ops.worker import IntakeDrainer, Sweeper, task_worker
from walletdesk.tickets.models import Message

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

OUTAGE = float(os.environ.get("WD_OUTAGE_SECONDS", "5"))
PER_CHANNEL = int(os.environ.get("WD_OUTAGE_MESSAGES", "20"))
SECRET = "outage-secret"
RETRY = 0.3  # seconds between attempts at one message, as a sender's queue would wait


@dataclass
class Sender:
    """Messages arrive one by one over `span` seconds; each is retried until acknowledged."""

    name: str
    span: float
    refused: int = 0
    accepted: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def run(self, ids: list[str], attempt) -> None:  # attempt(id) -> bool (acknowledged)
        pending: dict[str, float] = {}
        start, deadline = time.monotonic(), time.monotonic() + self.span + 90
        while (ids or pending) and time.monotonic() < deadline:
            elapsed = time.monotonic() - start
            while ids and elapsed >= self.span * (PER_CHANNEL - len(ids)) / PER_CHANNEL:
                pending[ids.pop(0)] = 0.0
            for message_id, due in sorted(pending.items()):
                if due > time.monotonic():
                    continue
                if attempt(message_id):
                    del pending[message_id]
                    self.accepted.append(message_id)
                else:
                    self.refused += 1
                    pending[message_id] = time.monotonic() + RETRY
            time.sleep(0.05)


def email(message_id: str) -> bytes:
    n = message_id.split("@")[0].split(".")[1]
    return (
        f"From: Customer {n} <outage{n}@mail.example>\r\nTo: support@walletdesk.localhost\r\n"
        f"Subject: withdrawal {n} missing\r\nMessage-ID: <{message_id}>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        f"My USDT withdrawal number {n} has not arrived.\r\n"
    ).encode()


def email_attempt(message_id: str) -> bool:
    close_old_connections()  # each delivery is a new MTA call: no broken connection carried over
    try:
        mail_deliver(raw=email(message_id), source="outage-test")
        return True
    except NotStored:
        return False
    finally:
        close_old_connections()


def telegram_update(n: int) -> bytes:
    user = 6_100_000_000 + n
    return json.dumps(
        {
            "update_id": 880_000 + n,
            "message": {
                "message_id": n,
                "from": {"id": user, "is_bot": False, "first_name": "Li", "language_code": "en"},
                "chat": {"id": user, "first_name": "Li", "type": "private"},
                "date": 1763860812,
                "text": f"transfer {n} has not arrived",
            },
        }
    ).encode()


def telegram_attempt(client: Client, n: int) -> bool:
    response = client.post(
        "/inbox/telegram/support/",
        data=telegram_update(n),
        content_type="application/json",
        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
    )
    assert response.status_code in {200, 500}, response.status_code
    return response.status_code == 200


class Widget:
    """The widget's behaviour: hello, then a message resent until its ack; reconnect and say
    hello again when the hello failed."""

    def __init__(self) -> None:
        self.comm: WebsocketCommunicator | None = None
        self.token = ""
        self.refusals: Counter[str] = Counter()

    async def connect(self) -> bool:
        from walletdesk.config.asgi import application

        self.comm = WebsocketCommunicator(
            application, "/ws/chat/", headers=[(b"origin", b"http://localhost")]
        )
        await self.comm.connect()
        await self.comm.send_json_to({"type": "hello", "token": self.token, "after": 0})
        first = await self.comm.receive_json_from(timeout=20)
        if first["type"] == "welcome":
            self.token = first["token"]
            return True
        self.refusals[f"hello:{first.get('code')}"] += 1
        await self.close()
        return False

    async def attempt(self, client_id: str) -> bool:
        if self.comm is None and not await self.connect():
            return False
        assert self.comm is not None
        await self.comm.send_json_to({"type": "message", "id": client_id, "text": client_id})
        while True:
            frame = await self.comm.receive_json_from(timeout=20)
            if frame.get("id") == client_id:  # else history, or an answer about an earlier one
                break
        if frame["type"] != "ack":
            self.refusals[frame["code"]] += 1
            if frame["code"] == "hello_first":
                await self.close()
        return frame["type"] == "ack"

    async def close(self) -> None:
        if self.comm is not None:
            await self.comm.disconnect()
        self.comm = None


async def chat_run(sender: Sender, ids: list[str]) -> None:
    widget, loop = Widget(), asyncio.get_running_loop()

    def attempt(client_id: str) -> bool:  # Sender.run is synchronous: it runs in a thread
        future = asyncio.run_coroutine_threadsafe(widget.attempt(client_id), loop)
        return future.result(timeout=60)

    await asyncio.to_thread(sender.run, ids, attempt)
    await widget.close()
    print(f"chat refusals by code: {dict(widget.refusals)}")


def threaded(sender: Sender, body) -> threading.Thread:
    def target() -> None:
        try:
            body()
        except Exception as exc:  # reported by the test, not lost in a thread
            sender.errors.append(repr(exc))
        finally:
            connection.close()

    thread = threading.Thread(target=target, name=f"sender-{sender.name}")
    thread.start()
    return thread


class Outage:
    """Take the test database away from everyone, from a separate admin connection."""

    def __init__(self) -> None:
        params = connection.settings_dict
        self.name = params["NAME"]
        self.dsn = dict(
            host=params["HOST"] or "127.0.0.1",
            port=params["PORT"] or 5432,
            user=params["USER"],
            password=params["PASSWORD"] or None,
        )
        self.admin = psycopg.connect(dbname="postgres", autocommit=True, **self.dsn)

    def begin(self) -> None:
        self.admin.execute(f'ALTER DATABASE "{self.name}" ALLOW_CONNECTIONS false')
        self.admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [self.name],
        )

    def refused_now(self) -> bool:
        try:
            psycopg.connect(dbname=self.name, connect_timeout=3, **self.dsn).close()
        except psycopg.OperationalError:
            return True
        return False

    def end(self) -> None:
        self.admin.execute(f'ALTER DATABASE "{self.name}" ALLOW_CONNECTIONS true')

    def close(self) -> None:
        self.end()
        self.admin.close()


@pytest.fixture
def channels(settings, tmp_path):
    fake = FakeBotApi().start()
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TELEGRAM = {
        "API_BASE": fake.base_url,
        "BOTS": {"support": {"token": "4242:outage-token", "secret": SECRET}},
        "POLL_TIMEOUT_SECONDS": 0,
        "SPOOL_DIR": str(tmp_path / "spool"),
    }
    settings.OUTBOUND = {**settings.OUTBOUND, "ALLOWED_HOSTS": ["127.0.0.1"]}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # Stored payloads are the intake drain's alone: the pending sweep would queue tasks later.
    settings.INBOX = {**settings.INBOX, "RECORDS_SWEEP_AFTER_SECONDS": 3600}
    settings.WALLETDESK = {
        **settings.WALLETDESK,
        "WEBCHAT_MESSAGES_PER_MINUTE": 10_000,
        "WEBCHAT_IP_MESSAGES_PER_MINUTE": 10_000,
        "WEBCHAT_RESUMES_PER_MINUTE": 10_000,
    }
    yield fake
    fake.stop()


@pytest.fixture
def fail_fast_pool(on_postgres):
    """The process's connection pool waits at most 1 s for a connection (30 s by default), so
    a request during the outage fails quickly and its sender retries, rather than waiting."""
    options = connection.settings_dict["OPTIONS"]
    saved = options.get("pool")
    connection.close()
    connection.close_pool()
    options["pool"] = {**(saved or {}), "timeout": 1}
    yield
    connection.close()
    connection.close_pool()
    options["pool"] = saved


def drained(deadline: float, spool_dir) -> dict[str, int]:
    """Wait (the drain, the worker and the sweeper at work) until no stored payload is left
    unprocessed and nothing is left in the spool."""
    while True:
        close_old_connections()
        try:
            states = Counter(InboundRecord.objects.values_list("state", flat=True))
        except Exception:  # a pooled connection that died in the outage: take another
            connection.close()
            states = Counter({"unknown": 1})
        waiting = list(spool_dir.glob("*.json"))
        if not states.get("received") and not states.get("unknown") and not waiting:
            return dict(states)
        if time.monotonic() > deadline:
            return dict(states)
        time.sleep(0.25)


def test_an_outage_under_load_loses_nothing_and_duplicates_nothing(
    fail_fast_pool, channels, monkeypatch, tmp_path
):
    from walletdesk.core import conf  # noqa: F401  (settings read by the worker threads)

    spooled = Counter()
    real_put = spool.spool_put

    def counted_put(record):
        spooled["telegram"] += 1
        return real_put(record)

    monkeypatch.setattr(spool, "spool_put", counted_put)
    outage = Outage()
    span = 1.5 + OUTAGE + 1.5  # arrivals before, during and after the outage
    senders = {name: Sender(name, span) for name in ("email", "telegram", "chat")}
    email_ids = [f"outage.{n}@mail.example" for n in range(PER_CHANNEL)]
    chat_ids = [f"c-outage-{n:04d}" for n in range(PER_CHANNEL)]
    client = Client(raise_request_exception=False)
    tg_numbers = {f"tg{n}": n for n in range(PER_CHANNEL)}

    worker = task_worker("outage-test")
    worker.interval, worker.startup_delay = 0.2, False
    worker_thread = threading.Thread(target=worker.run, daemon=True)
    sweeper = Sweeper(0.5)
    drainer = IntakeDrainer(0.2)
    worker_thread.start()
    sweeper.start()
    drainer.start()
    threads = [
        threaded(senders["email"], lambda: senders["email"].run(list(email_ids), email_attempt)),
        threaded(
            senders["telegram"],
            lambda: senders["telegram"].run(
                list(tg_numbers), lambda key: telegram_attempt(client, tg_numbers[key])
            ),
        ),
        threaded(senders["chat"], lambda: asyncio.run(chat_run(senders["chat"], list(chat_ids)))),
    ]
    try:
        time.sleep(1.5)
        outage.begin()
        really_down = outage.refused_now()
        time.sleep(OUTAGE)
        outage.end()
        for thread in threads:
            thread.join(timeout=span + 120)
        connection.close()
        states = drained(time.monotonic() + 60, tmp_path / "spool")
    finally:
        worker.running = False
        sweeper.stop()
        drainer.stop()
        worker_thread.join(timeout=10)
        sweeper.join(timeout=10)
        drainer.join(timeout=10)
        outage.close()
        connection.close()

    assert really_down, "the database still took connections during the outage"
    for sender in senders.values():
        assert sender.errors == [], (sender.name, sender.errors)
        assert len(sender.accepted) == PER_CHANNEL, (sender.name, len(sender.accepted))
    # email and chat answered errors during the outage, and the senders' retries got through;
    # the Telegram webhook spooled instead and acknowledged every update the first time
    refused = {n: s.refused for n, s in senders.items()}
    assert refused["email"] > 0 and refused["chat"] > 0 and refused["telegram"] == 0, refused
    assert spooled["telegram"] > 0 and list((tmp_path / "spool").glob("*.json")) == []
    assert worker_thread.is_alive() is False and drainer.is_alive() is False
    assert states == {"processed": 2 * PER_CHANNEL}

    inbound = Message.objects.filter(direction=Message.Direction.INBOUND)
    per_channel = Counter(inbound.values_list("channel", flat=True))
    assert per_channel == {"email": PER_CHANNEL, "telegram": PER_CHANNEL, "chat": PER_CHANNEL}
    assert set(inbound.filter(channel="email").values_list("external_id", flat=True)) == {
        *email_ids
    }
    chat = set(inbound.filter(channel="chat").values_list("external_id", flat=True))
    assert {c.rsplit(":", 1)[1] for c in chat} == set(chat_ids)
    print(
        f"outage {OUTAGE:.0f}s, {PER_CHANNEL} messages per channel, refusals {refused}, "
        f"telegram spooled {spooled['telegram']}"
    )
