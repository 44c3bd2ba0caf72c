import pytest

from tests import factories


@pytest.fixture
def desk(db):
    factories.default_policies()
    return factories.team()


@pytest.fixture
def agent(desk):
    return factories.agent("liwei", teams=[desk], languages=["zh-hans", "en"])


@pytest.fixture
def agent_client(client, agent):
    client.force_login(agent.user)
    return client
