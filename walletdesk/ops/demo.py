"""Demo data: three teams on different time zones, agents with shifts, SLA policies, routing
rules, customers and ~200 tickets in every state, created through the real services."""

import json
import random
from collections.abc import Callable
from datetime import datetime, time, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from walletdesk.accounts.models import Agent, BusinessCalendar, BusinessHours, Customer, Shift, Team
from walletdesk.accounts.services import customer_resolve
from walletdesk.api.services import api_client_create
from walletdesk.console.services import macros_seed_canned
from walletdesk.core.clock import frozen_at, now
from walletdesk.guard.demo import demo_registry_load
from walletdesk.kb.services import kb_load
from walletdesk.tickets import services
from walletdesk.tickets.models import RoutingRule, SlaPolicy
from walletdesk.tickets.services.desk_config import desk_config_clear

PASSWORD = "walletdesk-demo"  # noqa: S105 (printed demo login)
DATA = Path(__file__).resolve().parent.parent / "assistant" / "data"

# (username, name, team slugs, role, skills, languages, time zone, shift start hour local)
AGENTS = [
    (
        "liwei",
        "Li Wei",
        ["frontline"],
        "agent",
        ["tron", "evm"],
        ["zh-hans", "en"],
        "Asia/Shanghai",
        9,
    ),
    ("chenjing", "Chen Jing", ["frontline"], "agent", ["tron"], ["zh-hans"], "Asia/Shanghai", 13),
    ("anna", "Anna Schmidt", ["frontline"], "agent", ["evm", "btc"], ["en"], "Europe/Berlin", 9),
    ("tom", "Tom Baker", ["frontline"], "agent", ["evm"], ["en"], "America/New_York", 9),
    (
        "mariana",
        "Mariana Souza",
        ["frontline"],
        "agent",
        ["tron", "evm"],
        ["en", "zh-hans"],
        "America/Sao_Paulo",
        17,
    ),
    (
        "zhangmin",
        "Zhang Min",
        ["frontline", "experts"],
        "supervisor",
        ["tron"],
        ["zh-hans", "en"],
        "Asia/Shanghai",
        8,
    ),
    (
        "wangtao",
        "Wang Tao",
        ["experts"],
        "expert",
        ["tron", "dapp"],
        ["zh-hans", "en"],
        "Asia/Shanghai",
        9,
    ),
    (
        "priya",
        "Priya Nair",
        ["experts"],
        "expert",
        ["evm", "btc", "dapp"],
        ["en"],
        "Asia/Kolkata",
        11,
    ),
    ("lukas", "Lukas Meyer", ["experts"], "expert", ["evm", "tron"], ["en"], "Europe/Berlin", 14),
    (
        "ken",
        "Sato Ken",
        ["security"],
        "security",
        ["security", "tron", "evm"],
        ["en", "zh-hans"],
        "Asia/Tokyo",
        8,
    ),
    (
        "emma",
        "Emma Wilson",
        ["security"],
        "security",
        ["security", "evm"],
        ["en"],
        "Europe/London",
        8,
    ),
    ("lin", "Lin Yue", ["frontline"], "editor", ["tron"], ["zh-hans", "en"], "Asia/Shanghai", 10),
    (
        "james",
        "James Carter",
        ["security"],
        "supervisor",
        ["security", "btc"],
        ["en"],
        "America/Los_Angeles",
        8,
    ),
]
STATUS_MIX = (
    ["new"] * 3 + ["open"] * 5 + ["pending"] * 3 + ["on_hold"] + ["resolved"] * 4 + ["closed"] * 4
)
CHAINS = {
    "transfer_failed": "tron",
    "transaction_pending": "evm",
    "fees_and_resources": "tron",
    "staking_and_voting": "tron",
    "swap_and_bridge": "evm",
    "dapp_and_connection": "evm",
}


def load_questions() -> list[dict]:
    rows: list[dict] = []
    for name in ("train_zh.jsonl", "train_en.jsonl"):
        with (DATA / name).open(encoding="utf-8") as f:
            rows.extend(json.loads(line) for line in f if line.strip())
    return rows


@transaction.atomic
def setup_desk() -> dict[str, Team]:
    always = BusinessCalendar.objects.create(name="24/7", timezone="UTC", always_open=True)
    experts_cal = BusinessCalendar.objects.create(
        name="Experts (Singapore hours)", timezone="Asia/Singapore", always_open=False
    )
    BusinessHours.objects.bulk_create(
        BusinessHours(calendar=experts_cal, weekday=d, opens=time(8), closes=time(22))
        for d in range(6)
    )
    teams = {
        "frontline": Team.objects.create(
            name="Frontline", slug="frontline", kind=Team.Kind.FRONTLINE, calendar=always
        ),
        "experts": Team.objects.create(
            name="Chain experts", slug="experts", kind=Team.Kind.EXPERTS, calendar=experts_cal
        ),
        "security": Team.objects.create(
            name="Security", slug="security", kind=Team.Kind.SECURITY, calendar=always
        ),
    }
    SlaPolicy.objects.create(
        name="Security incidents",
        position=10,
        categories=["security"],
        first_response_minutes=10,
        next_response_minutes=30,
        resolution_minutes=4 * 60,
        calendar=always,
    )
    SlaPolicy.objects.create(
        name="Urgent",
        position=20,
        priorities=["urgent"],
        first_response_minutes=15,
        next_response_minutes=60,
        resolution_minutes=8 * 60,
    )
    SlaPolicy.objects.create(
        name="Complex technical",
        position=30,
        categories=["technical"],
        first_response_minutes=30,
        next_response_minutes=120,
        resolution_minutes=24 * 60,
    )
    SlaPolicy.objects.create(
        name="Ordinary questions",
        position=100,
        first_response_minutes=30,
        next_response_minutes=120,
        resolution_minutes=24 * 60,
    )
    RoutingRule.objects.create(
        name="Security to the security team",
        position=10,
        categories=["security"],
        team=teams["security"],
    )
    RoutingRule.objects.create(
        name="Failed swaps and DApps to chain experts",
        position=20,
        intents=["swap_and_bridge", "dapp_and_connection"],
        team=teams["experts"],
    )
    RoutingRule.objects.create(
        name="Everything else to frontline", position=1000, team=teams["frontline"]
    )
    return teams


def create_agents(teams: dict[str, Team]) -> list[Agent]:
    User = get_user_model()
    admin = User.objects.create_superuser("admin", "admin@example.com", PASSWORD)
    Agent.objects.create(
        user=admin, display_name="Admin", role=Agent.Role.ADMIN, languages=["en", "zh-hans"]
    )
    agents = []
    for username, name, team_slugs, role, skills, languages, tz, start in AGENTS:
        user = User.objects.create_user(
            username, f"{username}@example.com", PASSWORD, is_staff=True
        )
        agent = Agent.objects.create(
            user=user,
            display_name=name,
            role=role,
            skills=skills,
            languages=languages,
            timezone=tz,
            capacity=25,
        )
        agent.teams.set([teams[s] for s in team_slugs])
        Shift.objects.bulk_create(
            Shift(agent=agent, weekday=d, starts=time(start), ends=time((start + 9) % 24))
            for d in range(7)
        )
        agents.append(agent)
    desk_config_clear()  # bulk_create sends no signals: the rosters must see the new shifts
    return agents


def create_customers(count: int, rng: random.Random) -> list[Customer]:
    customers = []
    for i in range(count):
        zh = rng.random() < 0.55
        customers.append(
            customer_resolve(
                kind="app_user",
                value=f"demo-user-{i:04d}",
                language="zh-hans" if zh else "en",
                display_name=f"用户{i:04d}" if zh else f"User {i:04d}",
                account_created_at=now() - timedelta(days=rng.choice([3, 20, 90, 400, 900])),
            )
        )
    return customers


def create_tickets(
    count: int, customers: list[Customer], rng: random.Random, progress: Callable[[int], None]
) -> int:
    questions = load_questions()
    start = now()
    for i in range(count):
        customer = rng.choice(customers)
        lang = "zh" if customer.language == "zh-hans" else "en"
        q = rng.choice(
            [row for row in questions if row["lang"] == lang and row["intent"] != "out_of_scope"]
        )
        created = start - timedelta(minutes=rng.randint(5, 14 * 24 * 60))
        with frozen_at(created):
            ticket, _ = services.ticket_create(
                draft=services.TicketDraft(
                    customer=customer,
                    subject=q["text"][:60],
                    body=q["text"],
                    channel=rng.choice(["app", "app", "web", "email", "telegram"]),
                    language=customer.language,
                    intent=q["intent"],
                    chain=CHAINS.get(q["intent"], ""),
                )
            )
        play_out(ticket, rng.choice(STATUS_MIX), created, rng)
        if (i + 1) % 25 == 0:
            progress(i + 1)
    return count


def play_out(ticket, status: str, created, rng: random.Random) -> None:
    """Walk a ticket to `status` with plausible replies, back-dated after its creation."""
    agent = ticket.assignee or Agent.objects.filter(teams=ticket.team).first()
    step = created

    def later() -> datetime:
        nonlocal step
        step = step + timedelta(minutes=rng.randint(3, 90))
        return min(step, now())

    if status == "new" or agent is None:
        return
    with frozen_at(later()):
        services.reply_send(
            ticket=ticket,
            agent=agent,
            body=reply_text(ticket),
            status=("pending" if status in ("pending", "resolved", "closed") else None),
        )
    if status == "on_hold":
        with frozen_at(later()):
            services.ticket_transition(
                ticket=ticket, to="on_hold", actor=agent, reason="waiting on chain team"
            )
    if status in ("resolved", "closed"):
        with frozen_at(later()):
            services.customer_message_add(
                ticket=ticket, body=thanks(ticket), channel=ticket.channel
            )
        with frozen_at(later()):
            services.ticket_transition(ticket=ticket, to="resolved", actor=agent)
        if rng.random() < 0.6:
            with frozen_at(later()):
                services.survey_answer(ticket=ticket, score=rng.choice([5, 5, 4, 4, 3, 2]))
    if status == "closed" and ticket.status == "resolved":
        with frozen_at(later()):
            services.ticket_transition(ticket=ticket, to="closed", actor=None)


def reply_text(ticket) -> str:
    if ticket.language == "zh-hans":
        return "您好，我们已经收到您的问题，请提供交易哈希（交易ID），以便我们在区块浏览器上核实。"
    return (
        "Hello, thanks for reaching out. Could you send the transaction hash so we can "
        "check it on chain?"
    )


def thanks(ticket) -> str:
    return (
        "好的，已经解决了，谢谢！"
        if ticket.language == "zh-hans"
        else "Got it, all sorted now. Thanks!"
    )


def build(
    *,
    tickets: int = 200,
    customers: int = 80,
    seed: int = 7,
    progress: Callable[[int], None] = lambda n: None,
) -> dict[str, object]:
    rng = random.Random(seed)
    teams = setup_desk()
    create_agents(teams)
    kb_load()  # the 40 starter knowledge-base articles
    demo_registry_load()  # official channels and a few known scams for /verify/
    macros_seed_canned()  # the canned replies as global macros
    people = create_customers(customers, rng)
    create_tickets(tickets, people, rng, progress)
    sweep = services.sla_sweep()
    _client, key = api_client_create(
        name="Demo wallet app", scopes=["tickets:write", "tickets:read", "customer_tokens"]
    )
    return {"api_key": key, "sla_breaches": sweep.breaches, "sla_warnings": sweep.warnings}
