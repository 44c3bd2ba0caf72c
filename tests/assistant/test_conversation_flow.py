"""assistant_reply end to end: answers, clarifying questions, refusals and handovers."""

from walletdesk.assistant.models import Conversation, Exchange
from walletdesk.assistant.services import assistant_reply
from walletdesk.tickets.models import Message


def no_search(text, language):
    return []


def reply(conversation, text, **kwargs):
    kwargs.setdefault("diagnose", lambda text, language: [])
    return assistant_reply(conversation=conversation, text=text, **kwargs)


def test_a_clear_how_to_question_is_answered_from_the_article(start):
    conversation = start()
    out = reply(conversation, "How do I stake TRX to get energy?")
    assert out.action == "answer"
    assert out.intent == "staking_and_voting"
    assert out.articles and out.articles[0]["url"].endswith(f"/{out.articles[0]['slug']}/")
    assert out.articles[0]["url"] in out.text
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.ACTIVE
    assert conversation.ticket is None


def test_stolen_funds_get_safety_steps_then_a_ticket_with_the_sla_wait(start):
    conversation = start()
    out = reply(conversation, "All my USDT was transferred out of my wallet, I didn't do it!")
    assert out.action == "handover"
    assert out.reason == "security"
    assert out.text.index("right away") < out.text.index(out.ticket_number)
    assert "10 minutes" in out.text  # the security SLA policy's first response
    conversation.refresh_from_db()
    ticket = conversation.ticket
    assert ticket.number == out.ticket_number
    assert ticket.category == "security" and ticket.priority == "urgent"
    assert ticket.intent == "stolen_funds"
    assert ticket.team.slug == "security"
    assert ticket.metadata["assistant"]["intent"] == "stolen_funds"
    note = ticket.messages.get(direction=Message.Direction.NOTE)
    assert "stolen_funds" in note.body_text and "funds-stolen-what-to-do" in note.body_text


def test_an_explicit_request_for_a_person_hands_over_with_the_earlier_topic(start):
    conversation = start(language="zh-hans")
    first = reply(conversation, "我的USDT转账一直显示打包中，好几个小时了")
    assert first.action == "answer"
    out = reply(conversation, "转人工")
    assert out.action == "handover" and out.reason == "explicit_request"
    assert "30 分钟" in out.text
    conversation.refresh_from_db()
    assert conversation.ticket.intent == first.intent
    assert "打包中" in conversation.ticket.messages.order_by("id").first().body_text


def test_did_not_help_after_an_answer_hands_over(start):
    conversation = start()
    reply(conversation, "how do I add a custom token by contract address")
    out = reply(conversation, "that didn't help")
    assert (out.action, out.reason) == ("handover", "not_helped")


def test_price_predictions_are_politely_refused_without_a_ticket(start):
    conversation = start(language="zh-hans")
    out = reply(conversation, "比特币明年会涨到多少？要不要现在买入？")
    assert out.action == "refuse"
    assert "投资建议" in out.text
    conversation.refresh_from_db()
    assert conversation.ticket is None


def test_traditional_chinese_is_answered_in_traditional_script(start):
    conversation = start(language="zh-hant")
    out = reply(conversation, "請問怎麼質押TRX獲取能量？")
    assert out.language == "zh-hant"
    assert out.action == "answer"
    assert "质押" not in out.text and "質押" in out.text


def test_messages_after_a_handover_go_to_the_same_ticket(start):
    conversation = start()
    first = reply(conversation, "I want to talk to a real person please")
    out = reply(
        conversation, "my hash is 943d176daf4637f941faf3f136fe3d61832ad4913614df74f006625e5b5cea30"
    )
    assert out.action == "relay"
    assert out.ticket_number == first.ticket_number
    conversation.refresh_from_db()
    inbound = conversation.ticket.messages.filter(direction=Message.Direction.INBOUND)
    assert inbound.count() == 2


def test_every_exchange_is_logged_redacted(start):
    conversation = start()
    phrase = "abandon ability able about above absent absorb abstract absurd abuse access accident"
    reply(conversation, f"is my wallet safe? my seed is {phrase}")
    exchange = Exchange.objects.get(conversation=conversation)
    assert "absorb" not in exchange.text
    assert exchange.intent and exchange.action == "handover"
