"""Agent queues and the wallet app's ticket list with a large ticket table (default 1,000,000).

Seeds the tickets with one INSERT ... SELECT over generate_series (PostgreSQL), then calls the API
in-process through Django's test client, so the figures are server time (routing, auth, queries,
serialisation) without the HTTP hop. Each case runs first pages and pages reached by cursor.

    .venv/bin/python bench/queue_list.py [--tickets 1000000] [--requests 200]
"""

import argparse
import time

from _common import minimal_desk, percentiles, rss_mb, use_database

CUSTOMERS = 2000
STATUSES = ["new", "open", "open", "pending", "on_hold", "resolved", "closed", "closed"]
PRIORITIES = ["low", "normal", "normal", "normal", "high", "urgent"]
LANGUAGES = ["zh-hans", "en"]


def seed(count: int) -> None:
    from django.db import connection

    from walletdesk.accounts.models import Agent, Customer, CustomerIdentity, Team
    from walletdesk.tickets import services
    from walletdesk.tickets.models import Ticket

    Customer.objects.bulk_create(Customer(display_name=f"c{i}") for i in range(CUSTOMERS))
    customers = list(Customer.objects.order_by("id").values_list("id", flat=True))
    CustomerIdentity.objects.bulk_create(
        CustomerIdentity(customer_id=c, kind="app_user", value=f"bench-{n}")
        for n, c in enumerate(customers)
    )
    template, _ = services.ticket_create(
        draft=services.TicketDraft(
            customer=Customer.objects.get(id=customers[0]), subject="seed", body="x", channel="app"
        )
    )
    teams = list(Team.objects.order_by("id").values_list("id", flat=True))
    agents = list(Agent.objects.order_by("id").values_list("id", flat=True))
    generated = {
        "number": "'WD-B-' || lpad(g::text, 8, '0')",
        "customer_id": _pick(customers, "g"),
        "status": _pick(STATUSES, "g / 3"),
        "priority": _pick(PRIORITIES, "g / 7"),
        "language": _pick(LANGUAGES, "g / 11"),
        "team_id": _pick(teams, "g / 13"),
        "assignee_id": f"CASE WHEN g %% 5 = 0 THEN NULL ELSE {_pick(agents, 'g / 17')} END",
        "created_at": "t.created_at - (g || ' seconds')::interval",
        "sla_due_at": "t.created_at + ((g %% 20000 - 10000) || ' seconds')::interval",
    }
    columns = [f.column for f in Ticket._meta.concrete_fields if f.column != "id"]
    select = ", ".join(generated.get(c, f't."{c}"') for c in columns)
    names = ", ".join(f'"{c}"' for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO tickets_ticket ({names}) SELECT {select} "
            "FROM tickets_ticket t, generate_series(1, %s) g WHERE t.id = %s",
            [count, template.id],
        )
        cursor.execute("ANALYZE")


def _pick(values: list, expr: str) -> str:
    items = ", ".join(f"'{v}'" if isinstance(v, str) else str(v) for v in values)
    return f"(ARRAY[{items}])[(({expr})::bigint %% {len(values)}) + 1]"


def measure(client, path: str, params: dict, requests: int, pages: int) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings: list[float] = []
    queries = 0
    for i in range(requests):
        cursor = None
        for _ in range(pages if i % 2 else 1):
            query = dict(params, **({"cursor": cursor} if cursor else {}))
            connection.queries_log.clear()  # a full log (9,000 entries) would hide the count
            with CaptureQueriesContext(connection) as captured:
                t0 = time.perf_counter()
                response = client.get(path, query)
                timings.append((time.perf_counter() - t0) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{path}: {response.status_code} {response.content[:200]!r}")
            queries = max(queries, len(captured.captured_queries))
            cursor = response.json().get("next_cursor")
            if not cursor:
                break
    return timings, queries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--pages", type=int, default=5, help="pages followed by cursor")
    args = parser.parse_args()
    use_database()
    minimal_desk()
    t0 = time.perf_counter()
    seed(args.tickets)
    print(f"seeded {args.tickets:,} tickets in {time.perf_counter() - t0:.0f}s")
    from walletdesk.core.runtime import gc_freeze_startup

    gc_freeze_startup()  # as `walletdesk serve` does once it has loaded

    from django.test import Client

    from walletdesk.accounts.models import Agent
    from walletdesk.api.services import agent_token_create, api_client_create

    agent = Agent.objects.filter(role="agent").order_by("id").first()
    supervisor = Agent.objects.filter(role="supervisor").order_by("id").first()
    as_agent, as_super = (
        Client(headers={"Authorization": f"Bearer {agent_token_create(agent=a, name='b')[1]}"})
        for a in (agent, supervisor)
    )
    _, key = api_client_create(name="bench", scopes=["tickets:read"])
    as_app = Client(headers={"Authorization": f"Bearer {key}"})
    cases = [
        ("agent: mine", as_agent, "/api/v1/agent/queues/mine", {}),
        ("agent: team unassigned", as_agent, "/api/v1/agent/queues/unassigned", {}),
        ("agent: open, urgent, zh-hans", as_agent, "/api/v1/agent/queues/open",
         {"priority": "urgent", "language": "zh-hans"}),
        ("agent: breached by due time", as_agent, "/api/v1/agent/queues/breached", {}),
        ("supervisor: all open", as_super, "/api/v1/agent/queues/open", {}),
        ("supervisor: breaching soon", as_super, "/api/v1/agent/queues/breaching", {}),
        ("supervisor: number search", as_super, "/api/v1/agent/queues/all",
         {"q": "WD-B-00500000"}),
        ("app: a user's tickets", as_app, "/api/v1/tickets", {"app_user_id": "bench-7"}),
    ]  # fmt: skip
    for name, client, path, params in cases:
        timings, queries = measure(client, path, params, args.requests, args.pages)
        print(f"{name:32} {len(timings):5} requests  {percentiles(timings)}  queries {queries}")
    print(f"max RSS {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
