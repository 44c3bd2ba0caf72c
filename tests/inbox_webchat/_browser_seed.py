"""Seed the widget test server: one agent with an API token. Prints the token as JSON."""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "walletdesk.config.settings")

import django  # noqa: E402

django.setup()

from tests import factories  # noqa: E402

factories.default_policies()
agent = factories.agent("chatagent", teams=[factories.team()])
print(json.dumps({"agent_token": factories.agent_token(agent)}))
