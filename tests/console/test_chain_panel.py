"""The chain diagnosis panel in the ticket page's customer panel, and its re-check button."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tests import factories
from tests.chain.conftest import chain_settings, fresh_lookups, tron_node  # noqa: F401 (fixtures)
from walletdesk.chain.diagnosis import Alert, Diagnosis, Reason, Verdict
from walletdesk.chain.models import ChainDiagnosis
from walletdesk.chain.services import diagnosis_store, ticket_diagnose
from walletdesk.core.clock import now

OOE = "e63a324a43aebfe41273db4f7fdfe325b2257b4f5711595a5fc0f8a75cf1b481"
BODY = f"我的USDT (TRC20) 没到账，交易哈希：{OOE}"
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def failed_transfer(tron_node):  # noqa: F811 (the imported fixture)
    tron_node.tx(info="tron/info_out_of_energy.json")
    tron_node.block(66860030, solid=66860020)
    return tron_node


def page(client, ticket) -> str:
    return client.get(reverse("console:ticket", args=[ticket.id])).content.decode()


def recheck(client, ticket, **extra):
    return client.post(reverse("console:chain_recheck", args=[ticket.id]), **extra)


def test_panel_shows_verdict_reason_summary_and_time(agent_client, failed_transfer):
    ticket, _ = factories.ticket(body=BODY)
    [record] = ticket_diagnose(ticket_id=ticket.id)
    body = page(agent_client, ticket)
    panel = body[body.index('id="chain-panel"') :]
    assert f'data-subject="{OOE}"' in panel
    assert "verdict-failed" in panel
    assert "out of energy" in panel
    assert "OUT_OF_ENERGY" in panel  # the summary, in the agent's language (English)
    assert f'datetime="{record.checked_at.isoformat()}"' in panel
    assert 'id="chain-recheck"' in panel


def test_panel_lists_the_alerts_and_counts_them(agent_client, chain_settings):  # noqa: F811
    ticket, _ = factories.ticket(body=BODY)
    diagnosis = Diagnosis(
        subject=OOE,
        kind="tx",
        chain="tron",
        verdict=Verdict.SUCCEEDED,
        reason=Reason.FINAL,
        warnings=(Alert.RECIPIENT_LOOKALIKE, Alert.WRONG_NETWORK),
        details={"to": "TXYZ"},
    )
    diagnosis_store(ticket=ticket, diagnosis=diagnosis)
    panel = page(agent_client, ticket).split('id="chain-panel"')[1]
    assert "recipient looks like a poisoned lookalike" in panel
    assert "another network than the customer said" in panel
    assert "⚠ 2" in panel


def test_chinese_console_shows_the_chinese_summary(agent_client, failed_transfer):
    ticket, _ = factories.ticket(body=BODY)
    [record] = ticket_diagnose(ticket_id=ticket.id)
    url = reverse("console:chain_panel", args=[ticket.id])
    body = agent_client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert record.summary_zh.splitlines()[0] in body
    assert record.summary_en.splitlines()[0] not in body


def test_recheck_runs_the_lookup_and_returns_the_fresh_panel(
    agent_client, failed_transfer, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    ticket, _ = factories.ticket(body=BODY)
    assert not ChainDiagnosis.objects.filter(ticket=ticket).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = recheck(agent_client, ticket, **HTMX)
    panel = response.content.decode()
    assert panel.lstrip().startswith('<div id="chain-panel"')  # the panel alone, for the swap
    assert ChainDiagnosis.objects.get(ticket=ticket).reason == "out_of_energy"
    assert failed_transfer.seen  # the node was asked


def test_recheck_with_a_worker_polls_until_a_newer_diagnosis_is_stored(
    agent_client, failed_transfer, settings, django_capture_on_commit_callbacks
):
    ticket, _ = factories.ticket(body=BODY)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        panel = recheck(agent_client, ticket, **HTMX).content.decode()
    assert 'id="chain-checking"' in panel
    assert 'hx-trigger="load delay:2s"' in panel
    assert 'id="chain-recheck"' not in panel  # no second click while checking
    poll = panel.split('hx-get="')[1].split('"')[0].replace("&amp;", "&")
    assert 'id="chain-checking"' in agent_client.get(poll).content.decode()  # not done yet
    settings.TASKS = IMMEDIATE
    for callback in queued:  # the transaction commits; the "worker" runs the task
        callback()
    done = agent_client.get(poll).content.decode()
    assert "out of energy" in done
    assert "hx-get" not in done
    assert 'id="chain-message"' in done


def test_polling_stops_after_the_wait(agent_client, failed_transfer):
    ticket, _ = factories.ticket(body=BODY)
    since = (now() - timedelta(minutes=5)).isoformat()
    url = reverse("console:chain_panel", args=[ticket.id])
    body = agent_client.get(url, {"since": since}).content.decode()
    assert "hx-get" not in body
    assert "taking long" in body


def test_without_a_chain_node_there_is_no_button_and_nothing_is_queued(
    agent_client,
    chain_settings,  # noqa: F811 (the imported fixture)
    django_capture_on_commit_callbacks,
):
    ticket, _ = factories.ticket(body=BODY)
    assert 'id="chain-recheck"' not in page(agent_client, ticket)
    with django_capture_on_commit_callbacks() as queued:
        body = recheck(agent_client, ticket, **HTMX).content.decode()
    assert queued == []
    assert "No chain node is configured" in body


def test_nothing_to_check_when_the_customer_quoted_no_hash(
    agent_client, failed_transfer, django_capture_on_commit_callbacks
):
    ticket, _ = factories.ticket(body="my transfer has not arrived")
    with django_capture_on_commit_callbacks() as queued:
        body = recheck(agent_client, ticket, **HTMX).content.decode()
    assert queued == []
    assert "quoted no transaction hash" in body


def test_recheck_without_javascript_redirects_to_the_ticket(agent_client, failed_transfer):
    ticket, _ = factories.ticket(body=BODY)
    response = recheck(agent_client, ticket)
    assert response.status_code == 302
    assert response["Location"] == reverse("console:ticket", args=[ticket.id])


def test_ticket_of_another_team_is_not_found(agent_client, failed_transfer):
    experts = factories.team("experts", kind="experts")
    ticket, _ = factories.ticket(body=BODY)
    ticket.team, ticket.assignee = experts, None
    ticket.save()
    assert recheck(agent_client, ticket, **HTMX).status_code == 404
    panel_url = reverse("console:chain_panel", args=[ticket.id])
    assert agent_client.get(panel_url).status_code == 404
    assert failed_transfer.seen == []
