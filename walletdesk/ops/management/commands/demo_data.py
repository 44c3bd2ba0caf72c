from django.core.management.base import BaseCommand

from walletdesk.accounts.models import Agent
from walletdesk.ops import demo


class Command(BaseCommand):
    help = "Load demo teams, agents, SLA policies, customers and tickets, and print the logins."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="do nothing if agents exist")
        parser.add_argument("--tickets", type=int, default=200)
        parser.add_argument("--customers", type=int, default=80)

    def handle(self, *args, if_empty: bool, tickets: int, customers: int, **options):
        if Agent.objects.exists():
            if if_empty:
                self.stdout.write("Demo data already loaded (sign in as admin / walletdesk-demo).")
                return
            self.stderr.write("The database already has agents; use an empty database.")
            raise SystemExit(1)
        result = demo.build(
            tickets=tickets,
            customers=customers,
            progress=lambda n: self.stdout.write(f"  tickets: {n}/{tickets}", ending="\r"),
        )
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(
            "  Agents: http://127.0.0.1:8000/console/ (admins: /admin/), password "
            f"'{demo.PASSWORD}'; the first sign-in enrols a TOTP authenticator app:"
        )
        self.stdout.write(
            "    admin (admin), zhangmin (supervisor), liwei, anna, tom (frontline), "
            "lin (knowledge-base editor), wangtao, priya (chain experts), ken, james (security)"
        )
        self.stdout.write(
            "  Customers: http://127.0.0.1:8000/ (submit and track requests, help centre)"
        )
        self.stdout.write(f"  Wallet app API key (shown once): {result['api_key']}")
        self.stdout.write(
            f"  SLA sweep: {result['sla_warnings']} warnings, {result['sla_breaches']} breaches"
        )
        self.stdout.write("")
