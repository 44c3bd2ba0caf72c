import pytest

from tests import factories as f
from walletdesk.assistant.services import conversation_start


@pytest.fixture
def desk(db):
    f.default_policies()
    frontline = f.team("frontline")
    security = f.team("security")
    f.rule(security, categories=["security"])
    return {
        "frontline": frontline,
        "agent": f.agent("alice", teams=[frontline]),
        "guard": f.agent("sam", teams=[security]),
    }


@pytest.fixture
def start(desk):
    def make(language="en", segment="", channel="app"):
        customer = f.customer(language="zh-hans" if language.startswith("zh") else "en")
        if segment:
            customer.segment = segment
            customer.save(update_fields=["segment"])
        return conversation_start(customer=customer, channel=channel, language=language)

    return make
