"""A customer's segment follows their signals on every contact, until an agent sets it."""

from datetime import timedelta

import pytest

from tests import factories as f
from walletdesk.accounts.services import customer_resolve, customer_segment_set
from walletdesk.core.clock import now

pytestmark = pytest.mark.django_db


def contact(value: str, **kwargs):
    return customer_resolve(kind="app_user", value=value, **kwargs)


def test_a_new_account_is_a_novice_and_an_old_one_a_pro():
    assert contact("new", account_created_at=now() - timedelta(days=3)).segment == "novice"
    assert contact("old", account_created_at=now() - timedelta(days=400)).segment == "pro"


def test_ticket_history_moves_a_customer_up_on_their_next_contact(desk):
    customer = contact("writer")
    for _ in range(2):
        f.ticket(customer)
    assert contact("writer").segment == "regular"
    for _ in range(8):
        f.ticket(customer)
    assert contact("writer").segment == "pro"


def test_an_account_that_aged_is_re_derived_when_the_app_says_so(desk):
    created = now() - timedelta(days=10)
    assert contact("ageing", account_created_at=created).segment == "novice"
    older = contact("ageing", account_created_at=created - timedelta(days=400))
    older.refresh_from_db()
    assert older.segment == "pro"


def test_a_segment_set_by_an_agent_is_kept_until_handed_back(desk):
    customer = contact("kept", account_created_at=now() - timedelta(days=3))
    customer_segment_set(customer=customer, segment="pro", actor=desk["agent"])
    assert contact("kept").segment == "pro"
    customer_segment_set(customer=customer, segment=None, actor=desk["agent"])
    customer.refresh_from_db()
    assert customer.segment == "novice" and not customer.segment_set_by_agent
