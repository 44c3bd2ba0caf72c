"""Seed a browser-test server's database: one team, SLA policies, two agents, one ticket.

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
from walletdesk.console.models import Macro  # noqa: E402
from walletdesk.console.services import macros_seed_canned  # noqa: E402

TOTP_KEY = "3132333435363738393031323334353637383930"  # the RFC 6238 test secret

factories.default_policies()
team = factories.team()
li = factories.agent("liwei", teams=[team], languages=["zh-hans", "en"])
anna = factories.agent("anna", teams=[team], languages=["en"])
for agent in (li, anna):  # staff sign in with a second factor (guard); the tests know the key
    TOTPDevice.objects.create(user=agent.user, name="test", confirmed=True, key=TOTP_KEY)
ticket, token = factories.ticket(subject="Withdrawal to exchange not credited")
TX = "e63a324a43aebfe41273db4f7fdfe325b2257b4f5711595a5fc0f8a75cf1b481"
chain_ticket, _ = factories.ticket(subject="USDT not arrived", body=f"TRC20 USDT 交易哈希：{TX}")
macros_seed_canned()  # the canned replies, as global macros (like the demo data)
Macro.objects.create(
    name="Need the hash", body_en="Please send the TxID.", status="pending", tags=["need-hash"]
)
facts = {"ticket_id": ticket.id, "ticket_number": ticket.number, "token": token}
print(json.dumps({**facts, "chain_ticket_id": chain_ticket.id, "tx": TX}))
