"""Proof: no secret from the corpus reaches the database, the logs, the search index or an
outbound message, through any intake path.

Each corpus sample (recovery phrases in several languages and layouts, hex / WIF / extended /
Solana keys, a keystore file, a mixed message) goes in once through each intake path: the app
API (new ticket, later message), e-mail (`walletdesk mail-receive`, the MTA pipe, and IMAP
polling of a real Dovecot), a Telegram webhook update, a Telegram document whose file (fetched
from a local Bot API) is a text file holding the secret, web chat, the portal request form
(with a text attachment), a reply and a rating comment on the portal's tracking page, a reply
through the customer API (ticket token), a scam report (customer API) and the assistant
endpoint, with after-commit work (assistant, outbox, tasks) run at once. Then none of the
sample's corpus fragments may appear in any table (raw SQL over every table, JSON and raw mail
decoded), in the stored files, in any log record (every logger at DEBUG, SQL statements
included), in any outbound message or e-mail, or in the HTTP answer; and the knowledge-base
search index must not have changed at all.
"""

import io
import json
import logging
import sys
from dataclasses import asdict, replace
from email.message import EmailMessage
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connections
from django.test import Client

from tests import factories as f
from tests.api.conftest import new_ticket_payload
from tests.guard import leakcheck
from tests.inbox.conftest import imap_append, imap_server  # noqa: F401 (fixture)
from tests.inbox_telegram import fake_bot_api
from tests.inbox_telegram._payloads import load as telegram_update
from tests.inbox_telegram.conftest import SECRET as TELEGRAM_SECRET
from tests.inbox_telegram.conftest import TOKEN as TELEGRAM_TOKEN
from tests.inbox_telegram.conftest import bot_api  # noqa: F401 (fixture)
from walletdesk.accounts.models import Team
from walletdesk.api.services import customer_token_issue
from walletdesk.inbox import adapters
from walletdesk.inbox.adapters.email import imap
from walletdesk.inbox.adapters.webchat.services import chat_message_receive, session_start
from walletdesk.inbox.models import Delivery
from walletdesk.inbox.services.outbox import outbound_build
from walletdesk.tickets.models import Attachment, Ticket
from walletdesk.tickets.services import ticket_transition

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).parent / "corpus" / "positives.jsonl"
SAMPLE_IDS = (
    "pos00001",  # English, double spaces
    "pos00032",  # Simplified Chinese without spaces
    "pos00053",  # Traditional Chinese without spaces
    "pos00016",  # English, numbered lines
    "pos00074",  # Japanese, ideographic spaces
    "pos00104",  # Korean, "1: word" lines
    "pos00021",  # 11 words, no checksum
    "pos00369",  # hex private key
    "pos00393",  # WIF
    "pos00417",  # extended private key
    "pos00441",  # Solana secret key as a JSON array
    "pos00465",  # keystore v3 JSON
    "pos00490",  # phrase, key and a transaction hash that must stay
)
SAMPLES = {
    row["id"]: row
    for row in map(json.loads, CORPUS.read_text(encoding="utf-8").splitlines())
    if row["id"] in SAMPLE_IDS
}
KB_INDEX_PREFIXES = ("kb_search", "kb_fts")
# Text files as customers save them: (encoding, the type Telegram reports)
FILE_FORMS = (
    ("utf-8", "text/plain"),
    ("utf-16", "text/plain"),  # Windows Notepad's "Unicode": UTF-16 with a BOM
    ("utf-16-le", "text/plain"),
    ("gb18030", "application/octet-stream"),  # a file without an extension
)


class Outbound:
    """What left (or would leave) the desk: adapter sends, e-mail, HTTP answers."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def capture(self, outbound) -> str:
        self.items.append(repr(asdict(outbound)))
        return f"sent-{len(self.items)}"

    def text(self) -> str:
        deliveries = [repr(asdict(outbound_build(d))) for d in Delivery.objects.all()]
        emails = [
            "\n".join([m.subject, m.body, repr(m.alternatives), repr(m.attachments), repr(m.to)])
            for m in mail.outbox
        ]
        return "\n".join([*self.items, *deliveries, *emails])


@pytest.fixture
def desk(request, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks):
    settings.ROOT_URLCONF = "walletdesk.config.urls"
    settings.STAFF_2FA_REQUIRED = False
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.TELEGRAM = {
        "API_BASE": "http://127.0.0.1:9",  # nothing may be fetched: sends are captured
        "BOTS": {"support": {"token": TELEGRAM_TOKEN, "secret": TELEGRAM_SECRET}},
        "POLL_TIMEOUT_SECONDS": 0,
    }
    settings.WALLETDESK = {
        **settings.WALLETDESK,
        "ASSISTANT_CHANNELS": "chat=auto,telegram=auto,email=confident",
    }
    f.default_policies()
    f.team("frontline")
    security = f.team("security", kind=Team.Kind.SECURITY)
    f.agent("sam", teams=[security], skills=["security"])
    outbound = Outbound()
    for channel in ("email", "telegram", "chat"):
        adapter = adapters.get(channel)
        if adapter is not None and adapter.send is not None:
            monkeypatch.setitem(
                adapters._registry, channel, replace(adapter, send=outbound.capture)
            )

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return {
        "run": run,
        "outbound": outbound,
        "media": settings.MEDIA_ROOT,
        "request": request,  # paths that need a server (IMAP, Bot API) start it themselves
        "monkeypatch": monkeypatch,
    }


@pytest.fixture
def all_logs(caplog, monkeypatch):
    """Every record of every logger at DEBUG, SQL statements with their parameters too."""
    caplog.set_level(logging.DEBUG)
    for name in list(logging.root.manager.loggerDict):
        caplog.set_level(logging.DEBUG, logger=name)
        logger = logging.getLogger(name)
        if not logger.propagate:
            monkeypatch.setattr(logger, "handlers", [*logger.handlers, caplog.handler])
    monkeypatch.setattr(connections["default"], "force_debug_cursor", True)
    return caplog


def app_client() -> Client:
    return Client(headers={"Authorization": f"Bearer {f.app_client()[1]}"})


def via_api_ticket(desk, text: str) -> str:
    response = desk["run"](
        app_client().post,
        "/api/v1/tickets",
        new_ticket_payload(body=text),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    return response.content.decode()


def via_api_message(desk, text: str) -> str:
    client = app_client()
    payload = new_ticket_payload()
    created = client.post("/api/v1/tickets", payload, content_type="application/json")
    number = created.json()["number"]
    response = desk["run"](
        client.post,
        f"/api/v1/tickets/{number}/messages",
        {"app_user_id": payload["customer"]["app_user_id"], "body": text},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    return response.content.decode()


def mail_bytes(text: str, message_id: str) -> bytes:
    message = EmailMessage()
    message["From"] = "Mei Lin <mei@example.com>"
    message["To"] = "support@walletdesk.localhost"
    message["Subject"] = "wallet help"
    message["Message-ID"] = message_id
    message.set_content(f"Hello,\n\n{text}\n\nThanks")
    # a keystore file comes as application/octet-stream: still text, still redacted
    message.add_attachment(
        text.encode(), maintype="application", subtype="octet-stream", filename="UTC--backup"
    )
    return message.as_bytes()


def via_email(desk, text: str) -> str:
    raw = mail_bytes(text, "<leak-proof@example.com>")
    desk["monkeypatch"].setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    out = io.StringIO()
    desk["run"](call_command, "mail_receive", stdout=out)
    assert "processed" in out.getvalue()
    return out.getvalue()


def via_imap(desk, text: str) -> str:
    """The inbox's IMAP poller against a real Dovecot (skips where Dovecot is absent)."""
    server = desk["request"].getfixturevalue("imap_server")
    imap_append(server, mail_bytes(text, "<leak-proof-imap@example.com>"))
    config = imap.ImapConfig(server.host, server.port, server.user, server.password, "none")
    result = desk["run"](imap.mailbox_poll, config)
    assert (result.fetched, result.stored) == (1, 1), result
    return repr(result)


def post_update(desk, update: dict):
    """The update through the bot's webhook, as Telegram sends it."""
    response = desk["run"](
        Client().post,
        "/inbox/telegram/support/",
        data=json.dumps(update),
        content_type="application/json",
        headers={"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET},
    )
    assert response.status_code == 200, response.content
    return response


def via_telegram(desk, text: str) -> str:
    update = json.loads(
        (Path(__file__).parents[1] / "inbox_telegram/payloads/private_text.json").read_text()
    )
    update["message"]["text"] = text
    response = post_update(desk, update)
    return response.content.decode()


def via_telegram_document(desk, text: str) -> str:
    """A document without a caption; the file the Bot API serves is a text file holding the
    secret (the local Bot API of tests/inbox_telegram, reached over HTTP), in one of the
    FILE_FORMS."""
    fake = desk["request"].getfixturevalue("bot_api")
    encoding, mime_type = FILE_FORMS[SAMPLE_IDS.index(desk["sample_id"]) % len(FILE_FORMS)]
    desk["monkeypatch"].setattr(fake_bot_api, "FILE_BYTES", text.encode(encoding))
    update = telegram_update("document")
    update["message"]["document"].update(file_name="wallet-backup.txt", mime_type=mime_type)
    response = post_update(desk, update)
    assert len(fake.downloads) == 1  # the file was fetched and stored as an attachment
    stored = Attachment.objects.get(filename="wallet-backup.txt").file.read()
    marker = "[redacted: ".encode("utf-16-le" if encoding.startswith("utf-16") else encoding)
    assert marker in stored  # redacted in its own encoding
    desk["outbound"].items.extend(json.dumps(body) for _method, body in fake.calls)
    return response.content.decode()


def via_webchat(desk, text: str) -> str:
    session, _token = session_start(language="en", name="Visitor")
    result = desk["run"](chat_message_receive, session=session, client_id="c1", text=text)
    return result.message.body_text


def via_portal(desk, text: str) -> str:
    note = SimpleUploadedFile("notes.txt", text.encode(), content_type="text/plain")
    response = desk["run"](
        Client().post,
        "/request/",
        {
            "category": "account",
            "description": text,  # its first line becomes the subject
            "email": "ann@example.com",
            "attachments": [note],
        },
    )
    assert response.status_code == 200 and "token" in response.context, response.content
    return response.content.decode()


def open_ticket(*, resolved: bool = False) -> tuple[Ticket, str]:
    """A ticket opened with clean text (resolved, to be rated), and its access token."""
    ticket, token = f.ticket(body="USDT missing", channel="web")
    if resolved:
        ticket_transition(ticket=ticket, to="resolved", actor=None)
    return ticket, token


def via_portal_reply(desk, text: str) -> str:
    ticket, token = open_ticket()
    browser = Client()
    browser.get(f"/track/{ticket.number}/", {"token": token})  # the session's grant
    response = desk["run"](browser.post, f"/track/{ticket.number}/reply/", {"body": text})
    assert response.status_code == 302, response.content
    return browser.get(response.url).content.decode()


def via_portal_rating(desk, text: str) -> str:
    ticket, token = open_ticket(resolved=True)
    browser = Client()
    browser.get(f"/track/{ticket.number}/", {"token": token})
    rating = {"score": 2, "comment": text}
    response = desk["run"](browser.post, f"/track/{ticket.number}/rate/", rating)
    assert ticket.surveys.get().answered_at is not None, response.content
    return browser.get(f"/track/{ticket.number}/").content.decode()


def via_customer_api_reply(desk, text: str) -> str:
    ticket, token = open_ticket()
    response = desk["run"](
        Client(headers={"X-Ticket-Token": token}).post,
        f"/api/v1/customer/tickets/{ticket.number}/messages",
        {"body": text},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    return response.content.decode()


def via_scam_report(desk, text: str) -> str:
    customer = f.customer()
    token = customer_token_issue(client=f.app_client()[0], customer=customer)
    response = desk["run"](
        Client(headers={"Authorization": f"Bearer {token}"}).post,
        "/api/v1/customer/scam-reports",
        {"description": text, "suspicious": "https://wa11etdesk.com/claim"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    return response.content.decode()


def via_assistant(desk, text: str) -> str:
    response = desk["run"](
        app_client().post,
        "/api/v1/assistant/messages",
        {"customer": {"app_user_id": "u-777", "language": "en"}, "text": text},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response.content.decode()


PATHS = {
    "api_ticket": via_api_ticket,
    "api_message": via_api_message,
    "email": via_email,
    "imap": via_imap,
    "telegram": via_telegram,
    "telegram_document": via_telegram_document,
    "webchat": via_webchat,
    "portal": via_portal,
    "portal_reply": via_portal_reply,
    "portal_rating": via_portal_rating,
    "customer_api_reply": via_customer_api_reply,
    "scam_report": via_scam_report,
    "assistant": via_assistant,
}


def kb_index(tables: dict[str, str]) -> dict[str, str]:
    return {name: text for name, text in tables.items() if name.startswith(KB_INDEX_PREFIXES)}


@pytest.mark.parametrize("sample_id", SAMPLE_IDS)
@pytest.mark.parametrize("path", PATHS)
def test_no_secret_reaches_storage_logs_index_or_outbound(desk, all_logs, path, sample_id):
    sample = SAMPLES[sample_id]
    desk["sample_id"] = sample_id
    fragments = sample["fragments"]
    before = leakcheck.database_text()
    assert not leakcheck.found_in(before, fragments)  # the check can only fail because of intake
    answer = PATHS[path](desk, sample["text"])

    tables = leakcheck.database_text()
    files = leakcheck.files_text(Path(desk["media"]))
    leaks = leakcheck.found_in(tables, fragments)
    leaks += leakcheck.found_in(files, fragments)
    logs = {f"log {r.name}": leakcheck.log_text(r) for r in all_logs.records}
    leaks += leakcheck.found_in(logs, fragments)
    leaks += leakcheck.found_in({"outbound": desk["outbound"].text(), "answer": answer}, fragments)
    assert not leaks, leaks
    assert kb_index(tables) == kb_index(before)
    stored = "\n".join([*tables.values(), *files.values()])  # a file's text stays in the file
    for kept in sample.get("keep", []):  # what must stay usable does (transaction hashes)
        assert kept in stored


def test_the_check_sees_a_secret_that_is_stored(desk, all_logs):
    """The scanners are not blind: text stored without the write path is found."""
    sample = SAMPLES["pos00032"]
    ticket, _ = f.ticket(body="clean")
    ticket.messages.update(body_html=json.dumps({"note": sample["text"]}))
    logging.getLogger("walletdesk.test").debug("%s", sample["text"])
    assert leakcheck.found_in(leakcheck.database_text(), sample["fragments"])
    logs = {r.name: leakcheck.log_text(r) for r in all_logs.records}
    assert leakcheck.found_in(logs, sample["fragments"])
