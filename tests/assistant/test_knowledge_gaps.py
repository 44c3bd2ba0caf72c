"""The knowledge-gap report groups the questions the assistant could not answer by topic
(Chinese and English alike), largest group first; security handovers, requests for a person
and greetings are not gaps."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from walletdesk.assistant.gaps import Question, cluster_questions
from walletdesk.assistant.models import Exchange
from walletdesk.core.clock import now

NFT = [
    "where do I see my NFT collection",
    "my NFT is not in the collection tab",
    "NFT collection page is empty",
    "怎么查看我的NFT收藏",
    "NFT收藏页面是空的",
]
TAX = [
    "export my transaction history to CSV for tax",
    "need a CSV export of transactions for my tax report",
    "导出交易记录CSV报税",
    "交易记录怎么导出CSV",
]
SOLANA = ["does the wallet support solana", "solana support when?", "支持solana吗"]


def questions(texts, reason="low_confidence"):
    return [Question(t, "zh-hans" if t.isascii() is False else "en", "", reason) for t in texts]


def test_questions_on_one_topic_are_grouped_and_topics_kept_apart():
    gaps = cluster_questions(questions(NFT + TAX + SOLANA))
    assert [g.size for g in gaps] == [5, 4, 3]
    assert "nft" in gaps[0].terms and len(gaps[0].examples) == 3
    assert set(gaps[1].examples) <= set(TAX) and gaps[2].languages == {"en": 2, "zh-hans": 1}


def test_singletons_are_left_out_and_nothing_in_gives_nothing_out():
    assert cluster_questions(questions(["how do I bake bread", *TAX])) != []
    assert all(g.size >= 2 for g in cluster_questions(questions(["only one question"])))
    assert cluster_questions([]) == []


@pytest.mark.django_db
def test_the_command_reports_unanswered_questions_only(start):
    conversation = start()

    def exchange(text, action="handover", reason="low_confidence", helpful=None):
        Exchange.objects.create(
            conversation=conversation,
            text=text,
            language="en",
            action=action,
            reason=reason,
            helpful=helpful,
            created_at=now(),
        )

    for text in NFT:
        exchange(text)
    for text in TAX[:2]:
        exchange(text, action="answer", reason="confident", helpful=False)
    exchange("someone stole my NFT collection", reason="security")
    exchange("NFT collection person please", reason="explicit_request")
    exchange("that did not help", reason="not_helped")
    out = StringIO()
    call_command("assistant_gaps", "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["questions"] == 7
    assert [g["size"] for g in report["groups"]] == [5, 2]
    assert report["groups"][1]["reasons"] == {"not_helped": 2}
    text = StringIO()
    call_command("assistant_gaps", stdout=text)
    assert text.getvalue().startswith("7 unanswered questions in 30 days; 2 groups")
