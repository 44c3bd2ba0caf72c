import pytest

from tests import factories


@pytest.fixture
def desk(db):
    factories.default_policies()
    team = factories.team()
    return team, factories.agent("liwei", teams=[team], languages=["zh-hans", "en"])
