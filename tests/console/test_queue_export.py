"""The queue's CSV export goes through the guard: escaped cells, audited, rate-limited, no
customer contacts."""

import csv
import io

from django.core.cache import cache
from django.urls import reverse

from tests import factories
from walletdesk.accounts.services import customer_resolve
from walletdesk.guard.models import AuditEntry

URL = reverse("console:queue_export")


def rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))


def test_export_lists_the_filtered_queue_with_formulas_escaped(agent_client, agent):
    cache.clear()
    customer = customer_resolve(kind="email", value="bob@example.com", language="en")
    formula, _ = factories.ticket(customer, subject='=HYPERLINK("http://evil")', priority="high")
    factories.ticket(subject="calm ticket", priority="low")
    response = agent_client.get(URL, {"queue": "open", "priority": "high"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    header, *data = rows(response)
    assert header[0] == "number"
    assert [r[0] for r in data] == [formula.number]
    assert data[0][1].startswith("'=HYPERLINK")
    assert "bob@example.com" not in response.content.decode()
    entry = AuditEntry.objects.get(action="export.csv")
    assert entry.actor == agent.user
    assert entry.data["rows"] == 1 and entry.data["what"] == "console.queue.open"


def test_export_is_rate_limited(agent_client, settings):
    cache.clear()
    settings.WALLETDESK = {**settings.WALLETDESK, "EXPORTS_PER_HOUR": 1}
    assert agent_client.get(URL).status_code == 200
    second = agent_client.get(URL)
    assert second.status_code == 302
    assert AuditEntry.objects.filter(action="export.csv").count() == 1
    cache.clear()


def test_export_link_on_the_queue_page_keeps_the_filters(agent_client):
    body = agent_client.get(reverse("console:queue"), {"queue": "mine"}).content.decode()
    link = body.split('id="export-csv" href="')[1].split('"')[0]
    path, _, query = link.partition("?")
    assert path == URL
    assert "queue=mine" in query.split("&amp;")
