"""The console's notifications: a header link whose unread count comes by htmx, the list in the
agent's language, opening a notice goes to its ticket and marks it read."""

from django.urls import reverse

from tests import factories
from walletdesk.accounts.models import Notification
from walletdesk.accounts.services import notice_build, notifications_send


def notify(agent, ticket=None, **data) -> Notification:
    notifications_send(
        notices=[
            notice_build(
                agent_id=agent.id,
                kind="assigned",
                data={"number": ticket.number if ticket else "WD-X", "by": "Sue", **data},
                ticket_id=ticket.id if ticket else None,
            )
        ]
    )
    return Notification.objects.filter(agent=agent).latest("id")


def test_the_badge_counts_unread_notices(agent_client, agent):
    assert (
        "badge unread"
        not in agent_client.get(reverse("console:notifications_badge")).content.decode()
    )
    notify(agent)
    notify(agent)
    badge = agent_client.get(reverse("console:notifications_badge")).content.decode()
    assert 'class="badge unread"' in badge and ">2<" in badge


def test_every_console_page_links_to_the_notifications(agent_client):
    page = agent_client.get(reverse("console:queue")).content.decode()
    assert reverse("console:notifications_badge") in page


def test_the_list_is_in_the_agents_language(agent_client, agent):
    notify(agent)
    agent_client.cookies["django_language"] = "zh-hans"
    page = agent_client.get(reverse("console:notifications"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "Sue 把 WD-X 分配给了你。" in page.content.decode()


def test_opening_a_notice_marks_it_read_and_goes_to_the_ticket(agent_client, agent):
    ticket, _ = factories.ticket()
    notice = notify(agent, ticket)
    response = agent_client.post(
        reverse("console:notification_open", args=[notice.id]), {"ticket": ticket.id}
    )
    assert response["Location"] == reverse("console:ticket", args=[ticket.id])
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_mark_all_read_touches_only_the_agents_own(agent_client, agent, desk):
    other = factories.agent("anna", teams=[desk])
    notify(agent)
    theirs = notify(other)
    agent_client.post(reverse("console:notifications_read"))
    assert not Notification.objects.filter(agent=agent, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None
