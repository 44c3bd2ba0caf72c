""" "Breaching soon" lists the active tickets due within WALLETDESK_BREACHING_SOON_MINUTES, not
every ticket not yet breached; its count agrees."""

from datetime import timedelta

from django.urls import reverse

from tests import factories
from walletdesk.core.clock import now
from walletdesk.tickets.models import Ticket


def due_in(delta: timedelta) -> Ticket:
    ticket, _ = factories.ticket()
    Ticket.objects.filter(id=ticket.id).update(sla_due_at=now() + delta)
    return ticket


def test_breaching_soon_is_the_next_hour(agent_client):
    soon = due_in(timedelta(minutes=30))
    later = due_in(timedelta(hours=5))
    breached = due_in(-timedelta(minutes=5))
    page = agent_client.get(reverse("console:queue"), {"queue": "breaching"}).content.decode()
    assert soon.number in page
    assert later.number not in page and breached.number not in page
    assert agent_client.get(reverse("console:queue_counts")).json()["breaching"] == 1


def test_the_window_follows_the_setting(agent_client, settings):
    settings.WALLETDESK = {**settings.WALLETDESK, "BREACHING_SOON_MINUTES": 6 * 60}
    later = due_in(timedelta(hours=5))
    page = agent_client.get(reverse("console:queue"), {"queue": "breaching"}).content.decode()
    assert later.number in page
    assert agent_client.get(reverse("console:queue_counts")).json()["breaching"] == 1
