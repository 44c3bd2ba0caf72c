"""walletdesk chain-diagnose <hash-or-address> [--chain tron|eth|bsc|56|btc] [--lang zh-hans]"""

import json

from django.core.management.base import BaseCommand, CommandError

from walletdesk.chain.diagnosis import agent_text, customer_text
from walletdesk.chain.runner import diagnose_value


class Command(BaseCommand):
    help = "Look up a transaction hash or an address on the configured chains and explain it."

    def add_arguments(self, parser):
        parser.add_argument("value", help="transaction hash or address")
        parser.add_argument("--chain", help="tron, btc, eth, bsc, polygon, or an EVM chain id")
        parser.add_argument("--lang", default="", help="print only the customer text: en, zh-hans")
        parser.add_argument("--json", action="store_true", help="print the diagnosis as JSON")

    def handle(self, *args, **options):
        try:
            diagnosis = diagnose_value(options["value"], chain=options["chain"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if diagnosis is None:
            raise CommandError("not a transaction hash or address we recognise")
        if options["json"]:
            self.stdout.write(json.dumps(diagnosis.to_dict(), ensure_ascii=False, indent=1))
        elif options["lang"]:
            self.stdout.write(customer_text(diagnosis, options["lang"]))
        else:
            self.stdout.write(agent_text(diagnosis))
