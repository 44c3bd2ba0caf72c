"""A ticket's quoted hashes are diagnosed in a task after commit and shown to agents."""

import pytest

from tests import factories
from walletdesk.chain.models import ChainDiagnosis
from walletdesk.chain.selectors import diagnoses_for_ticket
from walletdesk.chain.services import ticket_diagnose, ticket_diagnose_on_commit
from walletdesk.tickets.models import Message

pytestmark = pytest.mark.django_db

OOE = "e63a324a43aebfe41273db4f7fdfe325b2257b4f5711595a5fc0f8a75cf1b481"
BODY = f"我的USDT (TRC20) 没到账，交易哈希：{OOE}"


@pytest.fixture
def failed_transfer(tron_node):
    tron_node.tx(info="tron/info_out_of_energy.json")
    tron_node.block(66860030, solid=66860020)
    return tron_node


def notes(ticket):
    return Message.objects.filter(ticket=ticket, direction=Message.Direction.NOTE)


def test_diagnosis_is_stored_with_an_internal_note(failed_transfer):
    ticket, _ = factories.ticket(body=BODY)
    [record] = ticket_diagnose(ticket_id=ticket.id)
    assert (record.subject, record.chain) == (OOE, "tron")
    assert (record.verdict, record.reason) == ("failed", "out_of_energy")
    assert "16.50012 TRX" in record.summary_zh
    assert "OUT_OF_ENERGY" in record.summary_en
    [note] = notes(ticket)
    assert record.note == note
    assert note.author_agent is None
    assert "failed (out_of_energy)" in note.body_text
    assert list(diagnoses_for_ticket(ticket=ticket)) == [record]


def test_a_recheck_refreshes_without_a_second_note(failed_transfer):
    ticket, _ = factories.ticket(body=BODY)
    ticket_diagnose(ticket_id=ticket.id)
    ticket_diagnose(ticket_id=ticket.id)
    assert ChainDiagnosis.objects.filter(ticket=ticket).count() == 1
    assert notes(ticket).count() == 1


def test_a_changed_verdict_adds_a_note(failed_transfer):
    ticket, _ = factories.ticket(body=BODY)
    ticket_diagnose(ticket_id=ticket.id)
    failed_transfer.tx(info="tron/empty.json")
    from django.core.cache import cache

    cache.clear()
    [record] = ticket_diagnose(ticket_id=ticket.id)
    assert record.verdict == "not_found"
    assert notes(ticket).count() == 2


def test_unlabelled_hex_is_not_looked_up(failed_transfer):
    ticket, _ = factories.ticket(body=f"my wallet shows {OOE}")
    assert ticket_diagnose(ticket_id=ticket.id) == []
    assert failed_transfer.seen == []


def test_node_down_stores_unavailable_without_a_note(tron_node, chain_settings):
    chain_settings.CHAIN = {**chain_settings.CHAIN, "RETRIES": 0}
    ticket, _ = factories.ticket(body=BODY)  # no routes: the node answers 404 to everything
    [record] = ticket_diagnose(ticket_id=ticket.id)
    assert record.verdict == "unavailable"
    assert notes(ticket).count() == 0


def test_queued_after_commit_and_run_by_the_task(
    failed_transfer, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    ticket, _ = factories.ticket(body=BODY)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ticket_diagnose_on_commit(ticket_id=ticket.id)
    assert not ChainDiagnosis.objects.exists()  # nothing before commit
    for callback in callbacks:
        callback()
    assert ChainDiagnosis.objects.get(ticket=ticket).reason == "out_of_energy"


def test_nothing_is_queued_when_no_chain_is_configured(
    chain_settings, django_capture_on_commit_callbacks
):
    ticket, _ = factories.ticket(body=BODY)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        ticket_diagnose_on_commit(ticket_id=ticket.id)
    assert callbacks == []


def test_intake_queues_the_diagnosis_on_creation_and_on_each_customer_message(
    failed_transfer, settings, django_capture_on_commit_callbacks
):
    from walletdesk.tickets.services import customer_message_add

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        ticket, _ = factories.ticket(body=BODY)
    assert ChainDiagnosis.objects.get(ticket=ticket).reason == "out_of_energy"
    ChainDiagnosis.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        customer_message_add(ticket=ticket, body=f"still missing: {BODY}", channel="app")
    assert ChainDiagnosis.objects.filter(ticket=ticket).exists()
