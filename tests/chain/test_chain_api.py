"""The agents' chain endpoints: the same diagnosis as the command, stored ones, re-check."""

import pytest
from django.test import Client

from tests import factories as f
from walletdesk.chain.models import ChainDiagnosis
from walletdesk.chain.services import ticket_diagnose

pytestmark = pytest.mark.django_db

OOE = "e63a324a43aebfe41273db4f7fdfe325b2257b4f5711595a5fc0f8a75cf1b481"


@pytest.fixture
def failed_transfer(tron_node):
    tron_node.tx(info="tron/info_out_of_energy.json")
    tron_node.block(66860030, solid=66860020)


def client_for(agent) -> Client:
    return Client(headers={"Authorization": f"Bearer {f.agent_token(agent)}"})


def test_diagnose_endpoint(failed_transfer):
    response = client_for(f.agent()).get(
        "/api/v1/agent/chain/diagnose", {"value": OOE, "chain": "tron"}
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["verdict"], body["reason"]) == ("failed", "out_of_energy")
    assert "能量不足" in body["summary_zh"]


def test_diagnose_rejects_garbage(chain_settings):
    response = client_for(f.agent()).get("/api/v1/agent/chain/diagnose", {"value": "hello"})
    assert response.status_code == 400


def test_needs_an_agent(chain_settings):
    assert Client().get("/api/v1/agent/chain/diagnose", {"value": OOE}).status_code == 401


def test_stored_diagnoses_of_a_visible_ticket(failed_transfer):
    agent = f.agent(role="supervisor")
    ticket, _ = f.ticket(body=f"交易哈希 {OOE}")
    ticket_diagnose(ticket_id=ticket.id)
    response = client_for(agent).get(f"/api/v1/agent/chain/tickets/{ticket.id}")
    assert response.status_code == 200
    assert [d["reason"] for d in response.json()] == ["out_of_energy"]


def test_recheck_queues_a_lookup(failed_transfer, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    agent = f.agent(role="supervisor")
    ticket, _ = f.ticket(body=f"交易哈希 {OOE}")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(agent).post(f"/api/v1/agent/chain/tickets/{ticket.id}/recheck")
    assert response.status_code == 202
    assert ChainDiagnosis.objects.get(ticket=ticket).reason == "out_of_energy"
