"""Macros: global, team or personal prepared replies; the ticket page lists the agent's in one
query, fills the reply in the ticket's language, and sending applies status and tags at once."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from tests import factories
from walletdesk.console.models import Macro
from walletdesk.console.selectors import macros_for_agent
from walletdesk.console.services import macro_apply, macros_seed_canned
from walletdesk.core.errors import DomainError
from walletdesk.tickets.models import Message


def macro(**fields) -> Macro:
    fields.setdefault("name", "Ask for the hash")
    fields.setdefault("body_en", "Please send the TxID.")
    fields.setdefault("body_zh_hans", "请提供交易哈希。")
    return Macro.objects.create(**fields)


def test_an_agent_sees_global_team_and_own_macros_only(agent, desk):
    other_team = factories.team("experts", kind="experts")
    other_agent = factories.agent("bob", teams=[desk])
    mine = {macro(name="global"), macro(name="team", team=desk), macro(name="own", agent=agent)}
    macro(name="other team", team=other_team)
    macro(name="bob's", agent=other_agent)
    assert set(macros_for_agent(agent)) == mine


def test_a_macro_is_shared_with_a_team_or_personal_not_both(agent, desk):
    with pytest.raises(ValidationError):
        Macro(name="both", team=desk, agent=agent).full_clean()
    with pytest.raises(ValidationError):
        Macro(name="bad tags", tags="refund").full_clean()
    with pytest.raises(IntegrityError):
        macro(team=desk, agent=agent)


def test_body_follows_the_language_and_may_be_empty():
    m = Macro(name="x", body_en="Hello", body_zh_hans="")
    assert m.body_for("en") == "Hello"
    assert m.body_for("zh-hans") == ""


def test_apply_sends_the_reply_and_sets_status_and_tags(agent):
    ticket, _ = factories.ticket(language="en")
    m = macro(status="pending", tags=["need-hash", "TRON"])
    macro_apply(macro=m, ticket=ticket, agent=agent, body="Please send the TxID, thanks.")
    ticket.refresh_from_db()
    assert ticket.status == "pending"
    assert sorted(ticket.tags.values_list("name", flat=True)) == ["need-hash", "tron"]
    reply = ticket.messages.get(direction=Message.Direction.OUTBOUND)
    assert reply.body_text == "Please send the TxID, thanks."


def test_the_agents_status_wins_over_the_macros(agent):
    ticket, _ = factories.ticket(language="en")
    macro_apply(
        macro=macro(status="pending"), ticket=ticket, agent=agent, body="Done.", status="resolved"
    )
    ticket.refresh_from_db()
    assert ticket.status == "resolved"


def test_a_refused_reply_applies_nothing(agent):
    ticket, _ = factories.ticket(language="en")
    m = macro(status="pending", tags=["asked"])
    with pytest.raises(DomainError):
        macro_apply(
            macro=m, ticket=ticket, agent=agent, body="Please send us your recovery phrase."
        )
    ticket.refresh_from_db()
    assert ticket.status != "pending"
    assert not ticket.tags.exists()
    assert not ticket.messages.filter(direction=Message.Direction.OUTBOUND).exists()


def test_the_ticket_page_applies_a_macro_with_status_and_tag(agent_client, agent):
    ticket, _ = factories.ticket(language="zh-hans")
    m = macro(status="pending", tags=["need-hash"])
    page = agent_client.get(reverse("console:ticket", args=[ticket.id])).content.decode()
    assert f'<option value="{m.id}" data-body="请提供交易哈希。" data-status="pending"' in page
    response = agent_client.post(
        reverse("console:action", args=[ticket.id, "reply"]),
        {"body": "请提供交易哈希，谢谢。", "macro": str(m.id), "status": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    ticket.refresh_from_db()
    assert ticket.status == "pending"
    assert list(ticket.tags.values_list("name", flat=True)) == ["need-hash"]
    assert "#need-hash" in response.content.decode()


def test_a_macro_the_agent_cannot_see_is_refused(agent_client):
    ticket, _ = factories.ticket(language="en")
    hidden = macro(team=factories.team("experts", kind="experts"), status="resolved")
    response = agent_client.post(
        reverse("console:action", args=[ticket.id, "reply"]),
        {"body": "Hello", "macro": str(hidden.id)},
        HTTP_HX_REQUEST="true",
    )
    assert "That macro is not available." in response.content.decode()
    assert not ticket.messages.filter(direction=Message.Direction.OUTBOUND).exists()


def test_ticket_page_query_count_does_not_grow_with_macros(
    agent_client, agent, desk, django_assert_max_num_queries
):
    ticket, _ = factories.ticket()
    macro(name="one")
    url = reverse("console:ticket", args=[ticket.id])
    with django_assert_max_num_queries(20) as few:
        agent_client.get(url)
    for i in range(6):
        macro(name=f"global {i}", tags=["a", "b"], status="resolved")
        macro(name=f"team {i}", team=desk)
        macro(name=f"own {i}", agent=agent)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = agent_client.get(url).content.decode()
    assert page.count("data-effects=") == 19


def test_seeding_the_canned_replies_twice_adds_none(db):
    first = macros_seed_canned()
    assert len(first) == 4 and all(m.body_en and m.body_zh_hans for m in first)
    macros_seed_canned()
    assert Macro.objects.count() == 4


def test_admins_manage_macros_in_the_django_admin(client, desk, agent):
    user = get_user_model().objects.create_superuser("root", "root@example.com", "pw-root-123")
    client.force_login(user)
    assert client.get(reverse("admin:console_macro_changelist")).status_code == 200
    form = {"name": "Refund", "body_en": "Refunded.", "body_zh_hans": "", "status": "resolved"}
    both = client.post(
        reverse("admin:console_macro_add"),
        {**form, "tags": '["refund"]', "team": desk.id, "agent": agent.id},
    )
    assert both.status_code == 200 and not Macro.objects.exists()  # the form shows the error
    client.post(reverse("admin:console_macro_add"), {**form, "tags": '["refund"]', "team": desk.id})
    assert Macro.objects.get().tags == ["refund"]
