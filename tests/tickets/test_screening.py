"""Links customers send are screened for phishing; agents' replies are screened before sending."""

import pytest

from tests import factories as f
from walletdesk.core.errors import InvalidInput
from walletdesk.guard import services as guard
from walletdesk.guard.models import ChannelKind
from walletdesk.tickets.models import Message
from walletdesk.tickets.services import customer_message_add, reply_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(db):
    f.default_policies()
    guard.official_channel_save(kind=ChannelKind.DOMAIN, value="walletdesk.com")
    guard.phishing_domain_block(domain="walletdesk-airdrop.xyz")
    return f.agent("alice", teams=[f.team()])


def tags(ticket):
    return {t.name for t in ticket.tags.all()}


def test_a_blocked_link_in_a_new_ticket_is_flagged_and_tagged(desk):
    ticket, _ = f.ticket(body="support sent me https://walletdesk-airdrop.xyz/claim, is it real?")
    ticket.refresh_from_db()
    [flag] = ticket.metadata["link_flags"]
    assert flag["verdict"] == "blocked" and flag["registrable"] == "walletdesk-airdrop.xyz"
    assert {"suspicious-link", "phishing-link"} <= tags(ticket)


def test_a_lookalike_in_a_later_message_is_flagged(desk):
    ticket, _ = f.ticket(body="hello")
    assert "link_flags" not in ticket.metadata
    customer_message_add(
        ticket=ticket, body="is https://wal1etdesk.com/login yours?", channel="app"
    )
    ticket.refresh_from_db()
    assert [fl["verdict"] for fl in ticket.metadata["link_flags"]] == ["suspicious"]
    assert "suspicious-link" in tags(ticket) and "phishing-link" not in tags(ticket)


def test_official_links_raise_no_flag(desk):
    ticket, _ = f.ticket(body="I read https://walletdesk.com/help/energy")
    ticket.refresh_from_db()
    assert "link_flags" not in ticket.metadata and not tags(ticket)


def test_a_reply_asking_for_the_recovery_phrase_is_refused(desk):
    ticket, _ = f.ticket()
    with pytest.raises(InvalidInput) as refused:
        reply_send(ticket=ticket, agent=desk, body="Please send us your recovery phrase to verify.")
    assert refused.value.code == "reply_blocked"
    assert not ticket.messages.filter(direction=Message.Direction.OUTBOUND).exists()


def test_a_reply_linking_to_a_blocked_domain_is_refused_and_a_safe_one_is_sent(desk):
    ticket, _ = f.ticket()
    with pytest.raises(InvalidInput):
        reply_send(ticket=ticket, agent=desk, body="Claim it at https://walletdesk-airdrop.xyz")
    message = reply_send(
        ticket=ticket,
        agent=desk,
        body="We will never ask for your recovery phrase. See walletdesk.com",
    )
    assert message.direction == Message.Direction.OUTBOUND
