"""A customer's anti-phishing code: set through the API, shown in the footer of genuine mail."""

import pytest
from django.test import Client

from tests import factories as f
from walletdesk.api.services import customer_token_issue
from walletdesk.core.errors import InvalidInput
from walletdesk.guard.selectors import anti_phishing_footer
from walletdesk.guard.services import anti_phishing_code_clear, anti_phishing_code_set

pytestmark = pytest.mark.django_db


def test_footer_is_empty_until_a_code_is_set_and_follows_the_language():
    customer = f.customer(language="zh-hans")
    assert anti_phishing_footer(customer=customer) == ""
    anti_phishing_code_set(customer=customer, code="  blue   otter 42 ")
    assert anti_phishing_footer(customer=customer) == (
        "您的防钓鱼码：blue otter 42。没有此码的消息不是我们发送的。"
    )
    assert "blue otter 42" in anti_phishing_footer(customer=customer, language="en")
    anti_phishing_code_clear(customer=customer)
    assert anti_phishing_footer(customer=customer) == ""


@pytest.mark.parametrize("code", ["abc", "x" * 33, "bad\x00code", "  \t "])
def test_unusable_codes_are_refused(code):
    with pytest.raises(InvalidInput):
        anti_phishing_code_set(customer=f.customer(), code=code)


def test_customer_sets_and_clears_the_code_through_the_api():
    customer = f.customer()
    client_row, _key = f.app_client()
    token = customer_token_issue(client=client_row, customer=customer)
    api = Client(headers={"Authorization": f"Bearer {token}"})
    response = api.put(
        "/api/v1/customer/anti-phishing-code", {"code": "otter-42"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert "otter-42" in response.json()["footer"]["zh-hans"]
    assert api.delete("/api/v1/customer/anti-phishing-code").status_code == 204
    assert anti_phishing_footer(customer=customer) == ""


def test_the_api_needs_a_customer_token(client):
    response = client.put(
        "/api/v1/customer/anti-phishing-code", {"code": "otter-42"}, content_type="application/json"
    )
    assert response.status_code == 401
