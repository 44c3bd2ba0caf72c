"""Console pages under load: server time of the queue page and the ticket page with many tickets.

Fills PostgreSQL (BENCH_DATABASE_URL, recreated) with N tickets in one INSERT … SELECT from
generate_series (the newest 5 % active, as on a real desk where old tickets are closed; the rest
resolved or closed; spread over three teams), adds a ticket with a real conversation through the
services, then times Django's full request handling (middleware, view, queries, template)
in-process with the test client.

    .venv/bin/python bench/console_pages.py [--tickets 1000000] [--requests 200]
"""

import argparse
import os
import time

from _common import minimal_desk, percentiles, rss_mb, use_database

ACTIVE_SHARE = 20  # the newest 1/20 of the tickets are active (new, open, pending, on hold)


def fill(n: int) -> None:
    from django.db import connection

    from walletdesk.accounts.models import Agent, Customer, Team

    Customer.objects.bulk_create(
        [
            Customer(display_name=f"bench {i}", language="zh-hans" if i % 2 else "en")
            for i in range(5000)
        ],
        batch_size=1000,
    )
    c0 = Customer.objects.order_by("id").values_list("id", flat=True).first()
    teams = list(Team.objects.order_by("id").values_list("id", flat=True))
    agents = list(Agent.objects.order_by("id").values_list("id", flat=True))
    active_from = n - n // ACTIVE_SHARE  # the newest tickets are the active ones
    sql = f"""
    INSERT INTO tickets_ticket (number, access_token_hash, subject, customer_id, channel, language,
      category, intent, priority, status, chain, team_id, assignee_id, required_skills, metadata,
      sla_due_at, sla_next_check_at, automation_due_at, pending_reminded, created_at, updated_at,
      status_changed_at, first_response_at, last_customer_message_at, resolved_at, closed_at)
    SELECT 'WD-B-' || lpad(g::text, 8, '0'), md5(g::text) || md5(g::text),
      (ARRAY['USDT 没到账','Withdrawal pending','Cannot log in','Swap failed'])[1 + g % 4]
        || ' #' || g,
      {c0} + g % 5000, (ARRAY['app','web','email','telegram'])[1 + g % 4],
      (ARRAY['zh-hans','en'])[1 + g % 2],
      (ARRAY['technical','how_to','account','other'])[1 + g % 4],
      '', (ARRAY['low','normal','normal','high','urgent'])[1 + g % 5],
      CASE WHEN g > {active_from} THEN (ARRAY['new','open','open','pending','on_hold'])[1 + g % 5]
           WHEN g % 3 = 0 THEN 'resolved' ELSE 'closed' END,
      (ARRAY['tron','evm','btc',''])[1 + g % 4],
      (ARRAY[{",".join(map(str, teams))}])[1 + g % {len(teams)}],
      CASE WHEN g % 7 = 0 THEN NULL
           ELSE (ARRAY[{",".join(map(str, agents))}])[1 + g % {len(agents)}] END,
      '[]', '{{}}',
      CASE WHEN g > {active_from} THEN now() + ((g % 7200) - 1800) * interval '1 second' END,
      NULL, NULL, false,
      now() - ({n} - g) * interval '30 second', now(), now(), NULL, NULL, NULL, NULL
    FROM generate_series(1, {n}) g
    """
    with connection.cursor() as cur:
        cur.execute(sql)
        cur.execute("ANALYZE")


def conversation_ticket():
    from tests import factories
    from walletdesk.accounts.models import Agent
    from walletdesk.tickets.services import customer_message_add, note_add, reply_send

    agent = Agent.objects.filter(role="supervisor").first()
    ticket, _ = factories.ticket(subject="USDT 没到账", body="我转了 100 USDT，两个小时没到")
    for i in range(10):
        reply_send(ticket=ticket, agent=agent, body=f"reply {i}")
        note_add(ticket=ticket, agent=agent, body=f"note {i}")
        customer_message_add(ticket=ticket, body=f"customer {i}", channel="app")
    return ticket


def timed(client, url: str, requests: int) -> tuple[list[float], float]:
    """Wall-clock samples (ms) and the mean CPU time (ms) of this process per request."""
    client.get(url)  # warm the caches and the connection
    samples = []
    cpu0 = time.process_time()
    for _ in range(requests):
        t0 = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return samples, (time.process_time() - cpu0) * 1000 / requests


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--reuse", action="store_true", help="keep the filled database")
    args = parser.parse_args()
    os.environ["WALLETDESK_STAFF_2FA_REQUIRED"] = "false"  # measured: the pages, not the sign-in
    url = use_database(fresh=not args.reuse)
    assert url.startswith("postgres"), "this benchmark needs PostgreSQL"
    from walletdesk.tickets.models import Ticket

    if not args.reuse:
        minimal_desk()
        t0 = time.perf_counter()
        fill(args.tickets)
        print(f"filled {args.tickets:,} tickets in {time.perf_counter() - t0:.1f} s")
        conversation_ticket()
    ticket = Ticket.objects.exclude(number__startswith="WD-B-").order_by("id").first()
    print(f"{Ticket.objects.count():,} tickets")
    from walletdesk.core.runtime import gc_freeze_startup

    gc_freeze_startup()  # as `walletdesk serve` does once it has loaded

    from django.test import Client

    from walletdesk.accounts.models import Agent

    pages = {
        "queue: all open (newest)": "/console/queue/?queue=open",
        "queue counts (JSON, every 30 s)": "/console/queue/counts/",
        "queue: unassigned, by SLA due": "/console/queue/?queue=unassigned&sort=sla_due",
        "queue: breached": "/console/queue/?queue=breached",
        "queue: filtered (tron, urgent)": "/console/queue/?queue=open&chain=tron&priority=urgent",
        "queue: search by subject": "/console/queue/?queue=all&q=Swap",
        "ticket page (30 messages)": f"/console/tickets/{ticket.id}/",
    }
    for role in ("supervisor", "agent"):
        agent = Agent.objects.filter(role=role).first()
        client = Client()
        client.force_login(agent.user)
        print(f"\n== as {role} ({agent.display_name}), {args.requests} requests per page")
        for name, page in pages.items():
            if role == "agent" and page.startswith("/console/tickets/"):
                continue  # the conversation ticket belongs to one team
            samples, cpu = timed(client, page, args.requests)
            print(f"{name:32s} {percentiles(samples)}  python cpu {cpu:.1f} ms")
    print(f"\nmax RSS {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
