"""A resolved ticket becomes an anonymised public case once an editor approves it."""

import pytest

from tests import factories as f
from walletdesk.core.errors import Conflict, PermissionDenied
from walletdesk.kb import selectors, services
from walletdesk.kb.models import PublishedCase
from walletdesk.tickets import services as tickets

ADDRESS = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
TX = "943d176daf4637f941faf3f136fe3d61832ad4913614df74f006625e5b5cea30"


@pytest.fixture
def resolved(db):
    f.default_policies()
    agent = f.agent("Wang", teams=[f.team("frontline")])
    cust = f.customer("u-77")
    cust.display_name = "Zhang Sanfeng"
    cust.save()
    ticket, _ = f.ticket(
        cust,
        subject="USDT transfer failed for Zhang Sanfeng",
        body=f"I am Zhang Sanfeng, mail zs@example.com. Sent 250 USDT to {ADDRESS}, txid {TX}",
    )
    tickets.reply_send(
        ticket=ticket,
        agent=agent,
        body="The transfer ran OUT_OF_ENERGY: top up TRX and send again.",
        status="resolved",
    )
    ticket.refresh_from_db()
    return ticket, agent


def test_draft_removes_identity_addresses_hashes_and_amounts(resolved):
    ticket, agent = resolved
    case = services.case_draft(ticket=ticket, actor=agent)
    text = case.title + case.body
    for secret in ("Zhang Sanfeng", "zs@example.com", ADDRESS, TX, "250 USDT", "u-77"):
        assert secret not in text
    assert "[address]" in case.body and "[transaction]" in case.body and "[amount]" in case.body
    assert "OUT_OF_ENERGY" in case.body
    assert case.status == PublishedCase.Status.DRAFT


def test_open_tickets_cannot_become_cases(db):
    f.default_policies()
    f.agent("Li", teams=[f.team("frontline")])
    ticket, _ = f.ticket()
    with pytest.raises(Conflict):
        services.case_draft(ticket=ticket, actor=None)


def test_one_live_case_per_ticket(resolved):
    ticket, agent = resolved
    services.case_draft(ticket=ticket, actor=agent)
    with pytest.raises(Conflict):
        services.case_draft(ticket=ticket, actor=agent)


def test_only_editors_approve_and_then_it_is_listed(resolved, editor):
    ticket, agent = resolved
    case = services.case_draft(ticket=ticket, actor=agent)
    assert selectors.cases_published(language="en") == []
    with pytest.raises(PermissionDenied):
        services.case_approve(case=case, actor=agent)
    services.case_approve(case=case, actor=editor, title="A failed USDT transfer (OUT_OF_ENERGY)")
    listed = selectors.cases_published(language="en")
    assert [c.title for c in listed] == ["A failed USDT transfer (OUT_OF_ENERGY)"]
    assert listed[0].approved_by == editor


def test_edited_text_is_anonymised_again_on_approval(resolved, editor):
    ticket, agent = resolved
    case = services.case_draft(ticket=ticket, actor=agent)
    services.case_approve(case=case, actor=editor, body=f"Customer Zhang Sanfeng used {ADDRESS}")
    assert "Zhang Sanfeng" not in case.body and ADDRESS not in case.body
