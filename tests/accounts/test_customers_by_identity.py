"""customers_by_identity builds its customers from one raw row each: every field must read back
as the ORM reads it, on SQLite (datetimes and booleans as text and integers) and PostgreSQL."""

from datetime import UTC, datetime

import pytest

from walletdesk.accounts.models import Customer, CustomerIdentity
from walletdesk.accounts.selectors import customers_by_identity

pytestmark = pytest.mark.django_db


def test_fields_read_back_as_the_orm_reads_them():
    customer = Customer.objects.create(
        display_name="林小姐",
        language="zh-hans",
        segment="pro",
        segment_set_by_agent=True,
        account_created_at=datetime(2024, 2, 29, 23, 59, 58, 123456, tzinfo=UTC),
    )
    CustomerIdentity.objects.create(customer=customer, kind="app_user", value="u-1")
    CustomerIdentity.objects.create(customer=customer, kind="email", value="lin@example.com")
    found = customers_by_identity(kind="app_user", values={"u-1", "u-unknown"})
    assert list(found) == ["u-1"]
    read = found["u-1"]
    expected = Customer.objects.get(pk=customer.pk)
    for field in Customer._meta.concrete_fields:
        got, want = getattr(read, field.attname), getattr(expected, field.attname)
        assert got == want, field.name
        assert type(got) is type(want), field.name
    assert read.segment_set_by_agent is True
    assert read.ticket_count == 0
    assert read._state.adding is False  # a saved row: save() updates, never inserts
    read.display_name = "Lin"
    read.save(update_fields=["display_name"])
    assert Customer.objects.get(pk=customer.pk).display_name == "Lin"


def test_an_identity_of_another_kind_is_not_found():
    customer = Customer.objects.create()
    CustomerIdentity.objects.create(customer=customer, kind="email", value="u-2")
    assert customers_by_identity(kind="app_user", values={"u-2"}) == {}
