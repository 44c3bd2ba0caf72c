"""The intent engine on a small made-up set: training, calibrated probabilities, the cache."""

import numpy as np

from walletdesk.assistant.intents import (
    engine_load_or_train,
    fit_temperature,
    prepare,
    train,
)

TEXTS = {
    "greet": ["hello there", "hi friend", "good morning", "hey hello", "hi hi", "早上好", "你好呀"],
    "pay": ["send money", "pay my bill", "transfer cash", "pay now", "send coins", "转账", "付款"],
    "lost": [
        "lost my key",
        "forgot password",
        "can't log in",
        "lost key",
        "忘记密码",
        "丢了钥匙",
        "lost pw",
    ],
}


def examples():
    texts = [t for items in TEXTS.values() for t in items]
    labels = [label for label, items in TEXTS.items() for _ in items]
    return texts, labels


def test_addresses_and_hashes_are_masked_and_script_folded():
    tx = "943d176daf4637f941faf3f136fe3d61832ad4913614df74f006625e5b5cea30"
    text = f"轉賬 TRbG1FeoYCcgz5sJt8Vht3ooPesxKQuWyX txid {tx}"
    assert prepare(text) == "转账 _addr_ txid _txhash_"


def test_probabilities_are_ranked_and_sum_to_one():
    engine = train(*examples())
    ranked = engine.rank("please transfer the money", k=3)
    assert ranked[0].intent == "pay"
    assert [s.probability for s in ranked] == sorted((s.probability for s in ranked), reverse=True)
    assert abs(sum(s.probability for s in ranked) - 1.0) < 1e-9


def test_temperature_sharpens_separable_scores_and_softens_noisy_ones():
    truth = np.array([0, 1] * 50)
    clean = np.where(truth[:, None] == np.arange(2), 1.0, -1.0)
    noisy = clean.copy()
    noisy[::4] = noisy[::4, ::-1]  # a quarter of the rows point the wrong way
    assert fit_temperature(clean, truth) > fit_temperature(noisy, truth)


def test_the_trained_engine_is_cached_on_disk_and_reused(tmp_path):
    texts, labels = examples()
    first = engine_load_or_train(texts, labels, tmp_path)
    cached = list(tmp_path.glob("engine-*.pkl"))
    assert len(cached) == 1
    again = engine_load_or_train(texts, labels, tmp_path)
    assert again.classes == first.classes
    assert again.temperature == first.temperature
    engine_load_or_train(texts[:-1], labels[:-1], tmp_path)  # other data, other file
    assert len(list(tmp_path.glob("engine-*.pkl"))) == 2
