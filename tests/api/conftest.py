import pytest
from django.test import Client

from tests import factories as f


@pytest.fixture
def desk(db):
    f.default_policies()
    frontline = f.team("frontline")
    return {"frontline": frontline, "agent": f.agent("alice", teams=[frontline])}


@pytest.fixture
def app_key(db):
    return f.app_client()[1]


@pytest.fixture
def app(app_key):
    return Client(headers={"Authorization": f"Bearer {app_key}"})


def new_ticket_payload(**overrides):
    payload = {
        "customer": {"app_user_id": "u-1001", "language": "zh-hans", "display_name": "小王"},
        "subject": "USDT 没到账",
        "body": "我转了 100 USDT 到交易所，两个小时了还没到账",
        "intent": "transfer_not_received",
        "chain": "tron",
        "app": {"app_version": "5.2.1", "os": "android", "device": "Pixel 8"},
        "addresses": ["TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"],
        "tx_hashes": ["943d176daf4637f941faf3f136fe3d61832ad4913614df74f006625e5b5cea30"],
    }
    payload.update(overrides)
    return payload
