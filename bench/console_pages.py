"""Console pages under load: server time of the queue pages, the ticket page and the supervisor
view with many tickets.

Fills PostgreSQL (BENCH_DATABASE_URL, recreated) with N tickets in one INSERT … SELECT from
generate_series (the newest 5 % active, as on a real desk where old tickets are closed; the rest
resolved or closed; spread over three teams), adds a ticket with a real conversation through the
services, then times Django's full request handling (middleware, view, queries, template)
in-process with the test client.

With --http the same pages are fetched over HTTP from the real server (`walletdesk serve --wsgi`,
two gunicorn processes, no embedded worker) with a signed-in session cookie, one request at a
time: the figures are then what a browser on this machine waits for.

    .venv/bin/python bench/console_pages.py [--tickets 1000000] [--requests 200] [--reuse]
        [--http] [--only supervisor] [--rollup]
"""

import argparse
import logging
import os
import subprocess
import time
from collections.abc import Callable

from _common import ROOT, minimal_desk, percentiles, rss_mb, use_database, wait_until_serving

PORT = 8767
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
        # As autovacuum does soon after a bulk load: the visibility map lets the supervisor
        # view's load count read the active tickets' partial index alone.
        cur.execute("VACUUM ANALYZE")


def flow_fill() -> None:
    """Fifteen days of hourly created / resolved counts, as the worker's rollup keeps them
    (console.services.flow_rollup): what the supervisor view's charts read."""
    from datetime import timedelta

    from walletdesk.console.models import FlowHour
    from walletdesk.core.clock import now

    last = now().replace(minute=0, second=0, microsecond=0)
    hours = [last - timedelta(hours=h) for h in range(15 * 24)]
    FlowHour.objects.bulk_create(
        [FlowHour(hour=h, created=120, resolved=110 + h.hour % 20) for h in hours],
        ignore_conflicts=True,
    )


def events_fill(per_ticket: int = 3) -> None:
    """`created` and status-change events for every bench ticket (as the services write them),
    for timing the flow rollup's first run over a full events table."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            """INSERT INTO tickets_ticketevent (ticket_id, kind, actor_type, data,
                 customer_visible, created_at)
               SELECT t.id, CASE WHEN k = 1 THEN 'created' ELSE 'status_changed' END, 'system',
                 CASE WHEN k = 1 THEN '{}'::jsonb
                      WHEN k = %s THEN '{"from": "open", "to": "resolved"}'::jsonb
                      ELSE '{"from": "new", "to": "open"}'::jsonb END,
                 true, t.created_at + (k - 1) * interval '10 minute'
               FROM tickets_ticket t CROSS JOIN generate_series(1, %s) k
               ORDER BY t.id, k""",
            [per_ticket, per_ticket],
        )
        cur.execute("VACUUM ANALYZE tickets_ticketevent")


def rollup_timing() -> None:
    """The flow rollup's first run (one scan of the events table) and a sweep's run after 500
    new tickets' events (a primary-key range after the cursor)."""
    from datetime import timedelta

    from walletdesk.console.models import FlowCursor
    from walletdesk.console.services import flow_rollup
    from walletdesk.core.clock import now
    from walletdesk.tickets.models import TicketEvent

    if TicketEvent.objects.count() < 1_000_000:
        events_fill()
    FlowCursor.objects.all().delete()
    print(f"{TicketEvent.objects.count():,} ticket events")
    for name in ("first run (scan)", "next run (nothing new)"):
        t0 = time.perf_counter()
        hours = flow_rollup(at=now() + timedelta(minutes=1))
        print(f"flow rollup, {name}: {(time.perf_counter() - t0) * 1000:.1f} ms, {hours} hours")
    for _ in range(500):
        conversation_ticket_light()
    t0 = time.perf_counter()
    hours = flow_rollup(at=now() + timedelta(minutes=1))
    print(f"flow rollup after 500 new tickets: {(time.perf_counter() - t0) * 1000:.1f} ms")


def conversation_ticket_light():
    from tests import factories

    return factories.ticket(subject="USDT 没到账", body="我转了 100 USDT")


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


def timed(get: Callable, url: str, requests: int, warm: int = 1) -> tuple[list[float], float]:
    """Wall-clock samples (ms) and the mean CPU time (ms) of this process per request."""
    for _ in range(warm):  # warm the caches and the connection
        get(url)
    samples = []
    cpu0 = time.process_time()
    for _ in range(requests):
        t0 = time.perf_counter()
        response = get(url)
        samples.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return samples, (time.process_time() - cpu0) * 1000 / requests


def load_average() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def session_cookie(user) -> tuple[str, str]:
    """A signed-in session stored in the database, as the sign-in form leaves it."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return name, client.cookies[name].value


def serve(url: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "WALLETDESK_LOG_LEVEL": "WARNING",
        "WALLETDESK_STAFF_2FA_REQUIRED": "false",
    }
    command = [str(ROOT / ".venv/bin/walletdesk"), "serve", "--wsgi", "--port", str(PORT)]
    return subprocess.Popen(
        [*command, "--workers", "2", "--no-worker"], env=env, stdout=subprocess.DEVNULL
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--reuse", action="store_true", help="keep the filled database")
    parser.add_argument("--http", action="store_true", help="through `walletdesk serve --wsgi`")
    parser.add_argument("--only", default="", help="the pages whose name contains this")
    parser.add_argument("--rollup", action="store_true", help="time the flow rollup instead")
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
    if args.rollup:
        return rollup_timing()
    flow_fill()
    ticket = Ticket.objects.exclude(number__startswith="WD-B-").order_by("id").first()
    print(f"{Ticket.objects.count():,} tickets")
    from walletdesk.core.runtime import gc_freeze_startup

    gc_freeze_startup(load_urls=True)  # as `walletdesk serve` does once it has loaded
    pages = {
        "queue: all open (newest)": "/console/queue/?queue=open",
        "queue counts (JSON, every 30 s)": "/console/queue/counts/",
        "queue: unassigned, by SLA due": "/console/queue/?queue=unassigned&sort=sla_due",
        "queue: breached": "/console/queue/?queue=breached",
        "queue: filtered (tron, urgent)": "/console/queue/?queue=open&chain=tron&priority=urgent",
        "queue: search by subject": "/console/queue/?queue=all&q=Swap",
        "ticket page (30 messages)": f"/console/tickets/{ticket.id}/",
        "supervisor view (5 charts)": "/console/supervisor/",
    }
    pages = {name: page for name, page in pages.items() if args.only in name}
    if args.http:
        measure_http(url, pages, args.requests)
    else:
        measure_in_process(pages, args.requests)
    print(f"\nmax RSS {rss_mb():.0f} MB (this process)")


def _roles():
    from walletdesk.accounts.models import Agent

    for role in ("supervisor", "agent"):
        yield role, Agent.objects.filter(role=role).first()


def _run_pages(get: Callable, pages: dict[str, str], requests: int, role: str, warm: int):
    for name, page in pages.items():
        if role == "agent" and page.startswith(("/console/tickets/", "/console/supervisor/")):
            continue  # the conversation ticket is one team's; the view is for supervisors
        samples, cpu = timed(get, page, requests, warm)
        print(f"{name:32s} {percentiles(samples)}  cpu here {cpu:.1f} ms  ({load_average()})")


def measure_in_process(pages: dict[str, str], requests: int) -> None:
    from django.test import Client

    for role, agent in _roles():
        client = Client()
        client.force_login(agent.user)
        print(f"\n== in-process as {role} ({agent.display_name}), {requests} requests per page")
        _run_pages(client.get, pages, requests, role, warm=1)


def measure_http(url: str, pages: dict[str, str], requests: int) -> None:
    import httpx

    logging.getLogger("httpx").setLevel(logging.WARNING)
    server = serve(url)
    try:
        for role, agent in _roles():
            cookie = session_cookie(agent.user)
            base = f"http://127.0.0.1:{PORT}"
            with httpx.Client(base_url=base, cookies=dict([cookie]), timeout=30) as client:
                wait_until_serving(client)
                print(f"\n== over HTTP as {role} ({agent.display_name}), {requests} per page")
                _run_pages(client.get, pages, requests, role, warm=20)
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
