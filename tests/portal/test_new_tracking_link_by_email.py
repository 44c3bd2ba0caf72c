"""A customer whose tracking link expired or was lost enters the ticket number and e-mail
address and gets a fresh signed link by e-mail (through the outbox, in the ticket's language).
The answer is the same whether or not they match a request, and requests are rate-limited per
client IP and per ticket number, whatever exists."""

import re
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests import factories
from walletdesk.accounts.services import customer_resolve
from walletdesk.inbox.models import Delivery
from walletdesk.inbox.services.outbox import outbound_build
from walletdesk.tickets.models import Ticket

URL = reverse("portal:track_new_link")


@pytest.fixture
def ticket(desk) -> Ticket:
    cache.clear()  # the rate-limit counters
    dora = customer_resolve(kind="email", value="dora@example.com", language="zh-hans")
    return factories.ticket(dora, language="zh-hans", subject="USDT 没到账")[0]


def ask(number: str, email: str, ip: str = "203.0.113.5", language: str = "en"):
    return Client(REMOTE_ADDR=ip).post(
        URL, {"number": number, "email": email}, HTTP_ACCEPT_LANGUAGE=language
    )


def test_the_customer_gets_a_working_link_in_their_language(ticket):
    response = ask(ticket.number.lower(), " Dora@Example.com ")
    assert response.status_code == 200 and 'id="new-link-sent"' in response.content.decode()
    [delivery] = Delivery.objects.all()
    assert (delivery.recipient, delivery.state) == ("dora@example.com", "pending")
    text = outbound_build(delivery).text
    assert "您申请了新的私密链接" in text  # the ticket's language, not the page's
    link = urlsplit(re.search(r"\S+/track/\S+", text).group(0))
    assert link.query.startswith("link=")
    reader = Client()  # another browser: the new link opens the ticket
    assert reader.get(link.path).status_code == 404
    assert reader.get(f"{link.path}?{link.query}").status_code == 302
    assert "USDT 没到账" in reader.get(link.path).content.decode()


def answer(number: str, email: str, ip: str) -> str:
    response = ask(number, email, ip)
    assert response.status_code == 200
    html = response.content.decode().replace(number, "NUMBER").replace(email, "EMAIL")
    return re.sub(r'[A-Za-z0-9]{64}|nonce="[^"]+"', "", html)  # CSRF tokens, CSP nonces


def test_the_answer_does_not_say_whether_the_ticket_or_address_exists(ticket):
    right = answer(ticket.number, "dora@example.com", "203.0.113.1")
    wrong_address = answer(ticket.number, "eve@example.com", "203.0.113.2")
    no_ticket = answer("WD-2026-999999", "dora@example.com", "203.0.113.3")
    assert right == wrong_address == no_ticket
    assert Delivery.objects.count() == 1  # only the matching request sent anything


def test_requests_are_limited_per_ip_and_per_ticket_number(ticket, settings):
    settings.WALLETDESK = {**settings.WALLETDESK, "PORTAL_NEW_LINKS_PER_HOUR": 2}
    # per ticket number, from any address: at most 2 e-mails an hour
    assert [
        ask(ticket.number, "dora@example.com", f"198.51.100.{n}").status_code for n in (1, 2, 3)
    ] == [200, 200, 429]
    assert Delivery.objects.count() == 2
    # per IP, whatever it asks for: a number that does not exist is limited alike
    codes = [ask(f"WD-2026-99999{n}", "x@example.com", "192.0.2.9").status_code for n in (1, 2, 3)]
    assert codes == [200, 200, 429]
    limited = ask("WD-2026-999990", "x@example.com", "192.0.2.9")
    assert 'id="new-link-limited"' in limited.content.decode()


def test_the_expired_link_page_leads_to_the_form_with_the_number(ticket, client):
    page = client.get(reverse("portal:track_lookup")).content.decode()
    assert f'href="{URL}"' in page
    error = client.get(reverse("portal:track", args=[ticket.number]), {"link": "x:y:z"})
    assert f'href="{URL}?number={ticket.number}"' in error.content.decode()
    form = client.get(URL, {"number": ticket.number}, HTTP_ACCEPT_LANGUAGE="zh-Hans")
    html = form.content.decode()
    assert f'value="{ticket.number}"' in html and "获取新的跟踪链接" in html
