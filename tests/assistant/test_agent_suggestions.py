"""Agents get the assistant's engine as suggestions: likely intents and articles to insert."""

from walletdesk.assistant.selectors import assistant_suggestions


def test_suggestions_for_an_inbound_message(db):
    found = assistant_suggestions(text="充值到交易所没到账，忘记填 memo 了")
    assert found["language"] == "zh-hans"
    assert found["intents"][0]["intent"] == "wrong_network_or_address"
    slugs = [a["slug"] for a in found["articles"]]
    assert "exchange-deposit-not-credited" in slugs
    assert all(a["title"] and a["url"].endswith(f"/{a['slug']}/") for a in found["articles"])
