"""The drain ingests the messages of a batch together: in rounds of one message per sender
(a sender's later messages thread onto what the earlier ones opened), with statements shared by
the round, and a secret that was redacted before storing still handled as exposed."""

import psycopg
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from tests import factories
from tests.concurrency import run_in_threads
from walletdesk.accounts.models import Team
from walletdesk.inbox.adapters.email.parse import external_id_of
from walletdesk.inbox.models import InboundRecord
from walletdesk.inbox.services import inbound_accept, processing, records_drain
from walletdesk.tickets.models import Message, Ticket

PHRASE = "shop hard century cup vivid hour broken juice fetch apart punch sort"


def mail(n: int, sender: str, *, reply_to: int | None = None, text: str = "") -> bytes:
    thread = f"In-Reply-To: <batch.{reply_to}@mail.example>\r\n" if reply_to is not None else ""
    return (
        f"From: {sender}\r\nTo: support@walletdesk.localhost\r\nSubject: withdrawal {n}\r\n"
        f"Message-ID: <batch.{n}@mail.example>\r\n{thread}\r\n"
        f"{text or f'My withdrawal {n} has not arrived.'}\r\n"
    ).encode()


def store(*raws: bytes) -> None:
    for raw in raws:
        inbound_accept(channel="email", payload=raw, external_id=external_id_of(raw))


@pytest.fixture
def desk(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    factories.default_policies()
    factories.team()
    factories.team("security", kind=Team.Kind.SECURITY)


@pytest.fixture
def rounds(monkeypatch) -> list[int]:
    """The size of each round the drain ingested together."""
    sizes: list[int] = []
    real = processing.messages_ingest

    def spy(*, inbounds):
        sizes.append(len(inbounds))
        return real(inbounds=inbounds)

    monkeypatch.setattr(processing, "messages_ingest", spy)
    return sizes


@pytest.mark.django_db(transaction=True)  # real commits: follow-ups are gathered on commit
def test_a_senders_messages_are_taken_in_turn(desk, rounds):
    store(
        mail(1, "ann@mail.example"),
        mail(2, "bob@mail.example"),
        mail(3, "ann@mail.example", reply_to=1),
        mail(4, "cho@mail.example"),
        mail(5, "bob@mail.example", reply_to=2),
        mail(6, "ann@mail.example", reply_to=3),
    )
    assert records_drain() == 6
    assert rounds == [3, 2, 1]
    assert set(InboundRecord.objects.values_list("state", "attempts")) == {("processed", 1)}
    threads = {
        sender: sorted(Message.objects.filter(ticket=t).values_list("external_id", flat=True))
        for sender in ("ann", "bob", "cho")
        for t in Ticket.objects.filter(customer__identities__value=f"{sender}@mail.example")
    }
    assert threads == {
        "ann": ["batch.1@mail.example", "batch.3@mail.example", "batch.6@mail.example"],
        "bob": ["batch.2@mail.example", "batch.5@mail.example"],
        "cho": ["batch.4@mail.example"],
    }
    [task] = DBTaskResult.objects.filter(task_path__endswith="message_followups")
    assert len(task.args_kwargs["args"]) == 6


@pytest.mark.django_db
def test_a_round_shares_its_statements(desk, rounds):
    senders = [f"user{n}@mail.example" for n in range(20)]
    store(*(mail(n, sender) for n, sender in enumerate(senders)))
    records_drain()
    store(*(mail(100 + n, sender, reply_to=n) for n, sender in enumerate(senders)))
    with CaptureQueriesContext(connection) as captured:
        assert records_drain() == 20
    assert rounds == [20, 20]
    assert Message.objects.filter(ticket__messages__external_id="batch.100@mail.example").exists()
    # the claim, then per round: lock, customers, threading evidence, owners, ticket locks,
    # messages, tickets, events, records; nothing per message (14 on SQLite when written)
    assert len(captured.captured_queries) < 20, [q["sql"][:60] for q in captured.captured_queries]


@pytest.mark.django_db
def test_a_secret_removed_before_storing_still_warns_the_customer(desk, rounds):
    store(
        mail(1, "leak@mail.example", text=f"my words: {PHRASE}"),
        mail(2, "calm@mail.example"),
    )
    assert InboundRecord.objects.filter(redacted=True).count() == 1
    records_drain()
    assert rounds == [2]
    ticket = Ticket.objects.get(customer__identities__value="leak@mail.example")
    assert (ticket.category, ticket.priority) == ("security", "urgent")
    warning = ticket.messages.get(direction="outbound")
    assert warning.delivery.recipient == "leak@mail.example"
    assert "[redacted: recovery phrase]" in ticket.messages.get(direction="inbound").body_text
    calm = Ticket.objects.get(customer__identities__value="calm@mail.example")
    assert calm.category != "security"


@pytest.mark.django_db(transaction=True)
def test_two_drains_on_the_same_senders_process_each_record_once(on_postgres, desk):
    """Both drains lock the tickets of a round in id order: no deadlock, nothing done twice."""
    senders = [f"busy{n}@mail.example" for n in range(6)]
    store(*(mail(n, sender) for n, sender in enumerate(senders)))
    records_drain()
    replies = [mail(10 + n, senders[n % 6], reply_to=n % 6) for n in range(120)]
    store(*replies)

    def drain() -> None:
        while records_drain(limit=12):
            pass

    assert run_in_threads(drain) == []
    assert set(InboundRecord.objects.values_list("state", "attempts")) == {("processed", 1)}
    assert Ticket.objects.count() == 6
    inbound = Message.objects.filter(direction="inbound")
    assert inbound.count() == 126 == inbound.values("external_id").distinct().count()


@pytest.mark.django_db
def test_a_reply_waits_while_another_drain_holds_its_original(on_postgres, desk):
    store(mail(2, "bob@mail.example"))
    store(mail(3, "bob@mail.example", reply_to=2), mail(4, "cho@mail.example"))
    original = InboundRecord.objects.get(external_id="batch.2@mail.example")
    other = psycopg.connect(_dsn(), autocommit=True)
    try:  # the claim of another drain
        other.execute("SELECT pg_advisory_lock(%s, %s)", [processing.LOCK_SPACE, original.id])
        assert records_drain() == 2
        states = dict(InboundRecord.objects.values_list("external_id", "state"))
        assert states["batch.3@mail.example"] == "received"  # waits for its original
        assert states["batch.4@mail.example"] == "processed"
    finally:
        other.close()
    assert records_drain() == 2
    ticket = Ticket.objects.get(messages__external_id="batch.2@mail.example")
    assert ticket.messages.filter(external_id="batch.3@mail.example").exists()


def _dsn() -> str:
    s = connection.settings_dict
    dsn = f"host={s['HOST']} port={s['PORT'] or 5432} user={s['USER']} dbname={s['NAME']}"
    return dsn + (f" password={s['PASSWORD']}" if s["PASSWORD"] else "")
