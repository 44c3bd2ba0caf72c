"""First contacts created together: one insert for the customers, one for their identities;
an identity created meanwhile makes each one resolve on its own, and nobody is doubled."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from walletdesk.accounts.models import Customer, CustomerIdentity
from walletdesk.accounts.services import Newcomer, customer_resolve, customers_create
from walletdesk.core.clock import now

pytestmark = pytest.mark.django_db


def test_newcomers_are_created_with_their_identity_language_and_segment():
    old = now() - timedelta(days=500)
    made = customers_create(
        kind="app_user",
        people=[
            Newcomer("a", display_name="小王", language="zh-hans"),
            Newcomer("b", account_created_at=old),
        ],
        verified=True,
    )
    assert made["a"].display_name == "小王" and made["a"].language == "zh-hans"
    assert made["a"].segment == "novice" and made["b"].segment == "pro"
    identity = CustomerIdentity.objects.get(kind="app_user", value="b")
    assert identity.customer_id == made["b"].id and identity.verified


def test_the_statements_do_not_grow_with_the_number_of_newcomers():
    counts = []
    for size in (2, 8):
        people = [Newcomer(f"n{size}-{i}") for i in range(size)]
        with CaptureQueriesContext(connection) as ctx:
            customers_create(kind="app_user", people=people)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_one_created_meanwhile_is_found_and_the_others_created():
    earlier = customer_resolve(kind="app_user", value="raced")
    made = customers_create(kind="app_user", people=[Newcomer("raced"), Newcomer("fresh")])
    assert made["raced"].id == earlier.id
    assert CustomerIdentity.objects.filter(value__in=["raced", "fresh"]).count() == 2
    assert Customer.objects.count() == 2
