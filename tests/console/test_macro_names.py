"""Macro names are shown in the agent's language (English name as the fallback), while the
body filled in follows the customer's language."""

import importlib

from django.apps import apps
from django.urls import reverse

from tests import factories
from walletdesk.console.models import Macro
from walletdesk.console.services import macros_seed_canned


def macro(**fields) -> Macro:
    fields.setdefault("body_en", "Please send the TxID.")
    fields.setdefault("body_zh_hans", "请提供交易哈希。")
    return Macro.objects.create(**fields)


def test_the_name_follows_the_language_and_falls_back_to_english():
    m = Macro(name="Ask for the hash", name_zh_hans="索要哈希")
    assert m.name_for("zh-hans") == "索要哈希"
    assert m.name_for("en") == "Ask for the hash"
    assert Macro(name="Greeting").name_for("zh-hans") == "Greeting"


def test_a_chinese_speaking_agent_sees_chinese_names_and_the_customers_body(agent_client):
    ticket, _ = factories.ticket(language="en")
    named = macro(name="Ask for the hash", name_zh_hans="索要哈希")
    unnamed = macro(name="Refund done")
    url = reverse("console:ticket", args=[ticket.id])
    page = agent_client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'data-body="Please send the TxID."' in page  # the customer writes English
    assert ">索要哈希</option>" in page and ">Refund done</option>" in page
    english = agent_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ">Ask for the hash</option>" in english
    assert named.id != unnamed.id


def test_the_sent_confirmation_names_the_macro_in_the_agents_language(agent_client):
    ticket, _ = factories.ticket(language="zh-hans")
    m = macro(name="Ask for the hash", name_zh_hans="索要哈希")
    response = agent_client.post(
        reverse("console:action", args=[ticket.id, "reply"]),
        {"body": "请提供交易哈希。", "macro": str(m.id)},
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert "索要哈希" in response.content.decode()


def test_the_canned_macros_are_seeded_with_chinese_names(db):
    names = {m.name: m.name_zh_hans for m in macros_seed_canned()}
    assert names["Greeting"] == "问候" and names["Closing"] == "结束语"


def test_macros_seeded_before_the_names_existed_get_them(db):
    Macro.objects.create(name="Greeting", body_en="Hello")
    Macro.objects.create(name="Greeting", body_en="Hello", agent=factories.agent("mine"))
    migration = importlib.import_module(
        "walletdesk.console.migrations.0003_macro_name_zh_hans_flow"
    )
    migration.name_seeded_macros(apps, None)
    assert sorted(Macro.objects.values_list("name_zh_hans", flat=True)) == ["", "问候"]
