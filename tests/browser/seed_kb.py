"""Seed a browser-test server for the knowledge-base editor: the editor "lin" (with a TOTP
device, as staff sign in with a second factor) and one bilingual published article.

Run as a script in the server's environment; prints the facts the tests need as JSON.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "walletdesk.config.settings")

import django  # noqa: E402

django.setup()

from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from tests import factories  # noqa: E402
from tests.kb.conftest import make_article  # noqa: E402
from walletdesk.accounts.models import Agent  # noqa: E402

TOTP_KEY = "3132333435363738393031323334353637383930"  # as in seed.py and conftest.py
factories.default_policies()
lin = factories.agent("lin", role=Agent.Role.EDITOR, languages=["zh-hans", "en"])
TOTPDevice.objects.create(user=lin.user, name="test", confirmed=True, key=TOTP_KEY)
make_article(
    "energy",
    en=("TRON energy", "Energy pays for smart contract calls such as USDT transfers."),
    zh=("波场能量", "调用智能合约（例如转 USDT）要消耗能量。"),
)
print(json.dumps({"slug": "energy"}))
