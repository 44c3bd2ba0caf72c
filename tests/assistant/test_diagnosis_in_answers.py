"""A quoted transaction's chain diagnosis goes into the reply; look-ups that could not be
made add nothing."""

from walletdesk.assistant import knowledge
from walletdesk.assistant.services import assistant_reply
from walletdesk.chain import runner
from walletdesk.chain.diagnosis import Reason, diagnose_tx, diagnose_unavailable
from walletdesk.chain.lookup.facts import TxFacts

TX = "943d176daf4637f941faf3f136fe3d61832ad4913614df74f006625e5b5cea30"
ASK = f"我的USDT转账失败了，交易哈希 {TX}"


def succeeded(ref, **kwargs):
    facts = TxFacts(
        chain="tron",
        txid=ref.value,
        found=True,
        in_block=True,
        block_number=100,
        head_block=130,
        final_block=110,
        success=True,
        result="SUCCESS",
    )
    return diagnose_tx(facts)


def test_the_diagnosis_is_told_in_the_customers_language(monkeypatch):
    monkeypatch.setattr(runner, "diagnose_reference", succeeded)
    facts = knowledge.diagnosis_facts(ASK, "zh-hans")
    assert len(facts) == 1 and facts[0]
    assert knowledge.diagnosis_facts("no hash here", "en") == []


def test_unavailable_lookups_add_nothing(monkeypatch):
    def unavailable(ref, **kwargs):
        return diagnose_unavailable(ref.value, "tx", "tron", Reason.NOT_CONFIGURED, "")

    monkeypatch.setattr(runner, "diagnose_reference", unavailable)
    assert knowledge.diagnosis_facts(ASK, "zh-hans") == []


def test_the_answer_quotes_the_diagnosis_before_the_article(start):
    conversation = start(language="zh-hans")
    fact = "这笔转账已成功，并且已经不可逆。"
    out = assistant_reply(conversation=conversation, text=ASK, diagnose=lambda t, lang: [fact])
    assert out.action == "answer"
    assert out.text.index(fact) < out.text.index(out.articles[0]["url"])
    assert conversation.exchanges.get().facts == [fact]
