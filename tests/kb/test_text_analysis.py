"""Query and index text analysis: jieba with wallet words, stemming, Traditional folding."""

from walletdesk.kb.text import query_terms, tokenize


def test_wallet_words_stay_whole_in_chinese():
    tokens = tokenize("我的助记词和私钥，能量带宽不够，跨链桥闪兑，多签授权")
    for word in ("助记词", "私钥", "能量", "带宽", "跨链桥", "闪兑", "多签", "授权"):
        assert word in tokens


def test_english_is_lowercased_and_stemmed():
    assert tokenize("Staking TRX Transfers") == ["stake", "trx", "transfer"]


def test_token_standards_and_mixed_text_are_kept():
    tokens = tokenize("USDT走TRC20还是ERC20、BEP20")
    assert {"usdt", "trc20", "erc20", "bep20"} <= set(tokens)


def test_traditional_chinese_folds_to_simplified():
    assert tokenize("助記詞遺失") == tokenize("助记词遗失")


def test_stop_words_hashes_and_bare_numbers_are_dropped():
    tokens = tokenize("I sent 500 to 943d176daf4637f941faf3f136fe3d61832ad4913614df74f006625e5b")
    assert tokens == ["sent"]


def test_query_terms_add_wallet_synonyms_once():
    terms = query_terms("seed phrase seed")
    assert terms.count("seed") == 1
    assert "mnemon" in terms
