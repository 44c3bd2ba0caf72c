"""Console pages read what they need in a fixed number of queries: the signed-in user once,
the queue rows without per-row queries, the chain panel in one query whatever it holds."""

from datetime import timedelta

from django.urls import reverse

from tests import factories
from walletdesk.chain.diagnosis import Diagnosis, Reason, Verdict
from walletdesk.chain.services import diagnosis_store
from walletdesk.console.services import flow_rollup


def test_the_signed_in_user_is_read_once_per_request(agent_client, django_assert_max_num_queries):
    factories.ticket()
    with django_assert_max_num_queries(20) as queries:
        agent_client.get(reverse("console:queue"))
    user_reads = [q for q in queries.captured_queries if 'FROM "auth_user"' in q["sql"]]
    assert len(user_reads) == 1


def test_queue_page_budget(agent_client, django_assert_max_num_queries):
    for _ in range(5):
        factories.ticket()
    # session, user, agent, tickets, their tags, saved views, teams, agents for the filters;
    # plus the knowledge-base link's permission check (user and group permissions) for an
    # agent who is not an editor
    with django_assert_max_num_queries(10):
        response = agent_client.get(reverse("console:queue"), {"queue": "open"})
    assert response.content.decode().count("<tr data-href=") == 5


def test_chain_panel_costs_one_query_however_many_diagnoses(
    agent_client, django_assert_max_num_queries
):
    ticket, _ = factories.ticket()
    url = reverse("console:ticket", args=[ticket.id])
    with django_assert_max_num_queries(30) as empty:
        agent_client.get(url)
    for i in range(4):
        subject = f"{i:064x}"
        diagnosis_store(
            ticket=ticket,
            diagnosis=Diagnosis(subject, "tx", "tron", Verdict.NOT_FOUND, Reason.NOT_FOUND),
        )
    with django_assert_max_num_queries(len(empty.captured_queries)):
        body = agent_client.get(url).content.decode()
    assert body.count('class="diagnosis"') == 4


def test_supervisor_page_budget_does_not_grow_with_tickets_teams_or_agents(
    agent_client, agent, desk, django_assert_max_num_queries
):
    agent.role = "supervisor"
    agent.save(update_fields=["role"])
    factories.ticket()
    url = reverse("console:supervisor")
    with django_assert_max_num_queries(20) as few:
        agent_client.get(url)
    experts = factories.team("experts", kind="experts")
    for i in range(4):
        factories.agent(f"extra{i}", teams=[desk, experts])
        factories.ticket()
    flow_rollup(lag=timedelta(0))  # the created-vs-resolved charts read the rollup's hours
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = agent_client.get(url)
    assert sum(t.active for t in page.context["teams"]) == 5
    assert len(page.context["on_now"]) == 5
    assert sum(created for _h, created, _r in page.context["hours"]) == 5
