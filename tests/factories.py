"""Small builders for test data. Everything goes through the real services where one exists."""

import itertools
from datetime import time

from django.contrib.auth import get_user_model

from walletdesk.accounts.models import Agent, BusinessCalendar, Customer, Shift, Team
from walletdesk.accounts.services import customer_resolve
from walletdesk.api.services import agent_token_create, api_client_create
from walletdesk.tickets.models import RoutingRule, SlaPolicy
from walletdesk.tickets.services import TicketDraft, ticket_create
from walletdesk.tickets.services.desk_config import desk_config_clear

_seq = itertools.count(1)


def calendar(name: str = "24/7", **kwargs) -> BusinessCalendar:
    cal, _ = BusinessCalendar.objects.get_or_create(name=name, defaults=kwargs)
    return cal


def team(
    slug: str = "frontline", kind: str = Team.Kind.FRONTLINE, cal: BusinessCalendar | None = None
) -> Team:
    obj, _ = Team.objects.get_or_create(
        slug=slug,
        defaults={
            "name": slug.replace("-", " ").title(),
            "kind": kind,
            "calendar": cal or calendar(),
        },
    )
    return obj


def agent(
    name: str | None = None,
    *,
    teams: list[Team] | None = None,
    role: str = Agent.Role.AGENT,
    skills: list[str] | None = None,
    languages: list[str] | None = None,
    always_on: bool = True,
    capacity: int = 20,
    tz: str = "UTC",
) -> Agent:
    name = name or f"agent{next(_seq)}"
    user = get_user_model().objects.create_user(username=name, password="pw-" + name)
    obj = Agent.objects.create(
        user=user,
        display_name=name.title(),
        role=role,
        skills=skills or [],
        languages=languages or [],
        capacity=capacity,
        timezone=tz,
    )
    obj.teams.set(teams if teams is not None else [team()])
    if always_on:
        Shift.objects.bulk_create(
            Shift(agent=obj, weekday=d, starts=time(0), ends=time(0)) for d in range(7)
        )
        desk_config_clear()  # bulk_create sends no signals
    return obj


def customer(app_user_id: str | None = None, language: str = "en") -> Customer:
    return customer_resolve(
        kind="app_user", value=app_user_id or f"user-{next(_seq)}", language=language
    )


def ticket(cust: Customer | None = None, **fields):
    draft = TicketDraft(
        customer=cust or customer(),
        subject=fields.pop("subject", "My USDT has not arrived"),
        body=fields.pop("body", "I sent 100 USDT two hours ago."),
        channel=fields.pop("channel", "app"),
        **fields,
    )
    return ticket_create(draft=draft)


def default_policies() -> None:
    SlaPolicy.objects.create(
        name="Security",
        position=10,
        categories=["security"],
        first_response_minutes=10,
        resolution_minutes=240,
    )
    SlaPolicy.objects.create(
        name="Ordinary",
        position=100,
        first_response_minutes=30,
        next_response_minutes=60,
        resolution_minutes=24 * 60,
    )


def app_client(scopes=("tickets:write", "tickets:read", "customer_tokens")):
    return api_client_create(name=f"app-{next(_seq)}", scopes=list(scopes))


def agent_token(a: Agent) -> str:
    return agent_token_create(agent=a, name="test")[1]


def rule(team_obj: Team, position: int = 10, **match) -> RoutingRule:
    return RoutingRule.objects.create(
        name=f"rule-{next(_seq)}", position=position, team=team_obj, **match
    )
