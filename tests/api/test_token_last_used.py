"""An agent token's last use is recorded at most once a minute: reads don't write each time."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from tests import factories
from walletdesk.api.models import AgentToken
from walletdesk.core.clock import frozen_at

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_last_used_is_recorded_then_refreshed_after_a_minute():
    agent = factories.agent("tok")
    client = Client(headers={"Authorization": f"Bearer {factories.agent_token(agent)}"})
    seen = []
    for moment in (T0, T0 + timedelta(seconds=30), T0 + timedelta(seconds=90)):
        with frozen_at(moment):
            assert client.get("/api/v1/agent/queues/mine").status_code == 200
        seen.append(AgentToken.objects.get(agent=agent).last_used_at)
    assert seen == [T0, T0, T0 + timedelta(seconds=90)]
