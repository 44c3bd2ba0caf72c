"""REST endpoints for agents (registered in walletdesk/api/api.py under /api/v1/agent/chain).

GET  /diagnose?value=…&chain=…        look up a hash or address now (same as the command)
GET  /tickets/{id}                    the stored diagnoses of a ticket
POST /tickets/{id}/recheck            queue a fresh look-up of the ticket's references
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from walletdesk.accounts.models import Agent
from walletdesk.api.auth import AgentSessionAuth, AgentTokenAuth
from walletdesk.api.schemas import ErrorOut
from walletdesk.core.errors import InvalidInput
from walletdesk.tickets.selectors import ticket_get_for_agent

from . import selectors, services
from .diagnosis import agent_text, customer_text
from .runner import diagnose_value


def _agent(request: HttpRequest) -> Agent:
    return request.auth  # type: ignore[attr-defined]  # set by the router's auth


router = Router(auth=[AgentTokenAuth(), AgentSessionAuth()], tags=["chain"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut}


class DiagnosisOut(Schema):
    subject: str
    kind: str
    chain: str
    verdict: str
    reason: str
    warnings: list[str]
    details: dict[str, Any]
    summary_en: str
    summary_zh: str
    agent_text: str = ""
    checked_at: datetime | None = None


@router.get("/diagnose", response={200: DiagnosisOut, **ERRORS})
def diagnose(request: HttpRequest, value: str, chain: str = ""):
    try:
        diagnosis = diagnose_value(value, chain=chain or None)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from exc
    if diagnosis is None:
        raise InvalidInput("not a transaction hash or address we recognise")
    data = diagnosis.to_dict()
    data.update(
        summary_en=customer_text(diagnosis, "en"),
        summary_zh=customer_text(diagnosis, "zh-hans"),
        agent_text=agent_text(diagnosis),
    )
    return data


@router.get("/tickets/{ticket_id}", response={200: list[DiagnosisOut], **ERRORS})
def ticket_diagnoses(request: HttpRequest, ticket_id: int):
    ticket = ticket_get_for_agent(agent=_agent(request), ticket_id=ticket_id)
    return list(selectors.diagnoses_for_ticket(ticket=ticket))


@router.post("/tickets/{ticket_id}/recheck", response={202: None, **ERRORS})
def ticket_recheck(request: HttpRequest, ticket_id: int):
    ticket = ticket_get_for_agent(agent=_agent(request), ticket_id=ticket_id)
    services.ticket_diagnose_on_commit(ticket_id=ticket.id)
    return Status(202, None)
