import pytest

from tests import factories as f


@pytest.fixture
def desk(db):
    f.default_policies()
    frontline = f.team("frontline")
    return {"frontline": frontline, "agent": f.agent("alice", teams=[frontline])}
