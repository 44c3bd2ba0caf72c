"""Seed a browser-test server's database: one team, SLA policies, two agents, two open tickets,
macros, and a day of resolved tickets for the supervisor view's charts.

Run as a script in the server's environment; prints the facts the tests need as JSON.
"""

import json
import os
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "walletdesk.config.settings")

import django  # noqa: E402

django.setup()

from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from tests import factories  # noqa: E402
from walletdesk.console.models import Macro  # noqa: E402
from walletdesk.console.services import flow_rollup, macros_seed_canned  # noqa: E402
from walletdesk.core.clock import frozen_at, now  # noqa: E402
from walletdesk.tickets.services import ticket_transition  # noqa: E402

TOTP_KEY = "3132333435363738393031323334353637383930"  # the RFC 6238 test secret

factories.default_policies()
team = factories.team()
li = factories.agent("liwei", teams=[team], languages=["zh-hans", "en"])
anna = factories.agent("anna", teams=[team], languages=["en"])
mei = factories.agent("mei", teams=[team], role="supervisor", languages=["zh-hans", "en"])
for agent in (li, anna, mei):  # staff sign in with a second factor (guard); the tests know the key
    TOTPDevice.objects.create(user=agent.user, name="test", confirmed=True, key=TOTP_KEY)
ticket, token = factories.ticket(subject="Withdrawal to exchange not credited")
TX = "e63a324a43aebfe41273db4f7fdfe325b2257b4f5711595a5fc0f8a75cf1b481"
chain_ticket, _ = factories.ticket(subject="USDT not arrived", body=f"TRC20 USDT 交易哈希：{TX}")
macros_seed_canned()  # the canned replies, as global macros (like the demo data)
Macro.objects.create(
    name="Need the hash", body_en="Please send the TxID.", status="pending", tags=["need-hash"]
)
# Resolved tickets of the last 30 hours, and the worker's hourly rollup of them: the supervisor
# view's created-vs-resolved charts have something to draw (the server runs no worker).
started = now()
for hours_ago in (30, 20, 9, 5, 3, 2):
    with frozen_at(started - timedelta(hours=hours_ago)):
        earlier, _ = factories.ticket(subject=f"Earlier question ({hours_ago} h ago)")
    with frozen_at(started - timedelta(hours=hours_ago - 1)):
        ticket_transition(ticket=earlier, to="resolved", actor=li)
flow_rollup(lag=timedelta(0))
facts = {"ticket_id": ticket.id, "ticket_number": ticket.number, "token": token}
print(json.dumps({**facts, "chain_ticket_id": chain_ticket.id, "tx": TX}))
