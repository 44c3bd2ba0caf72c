"""Document frequencies (BM25 idf, common-word dropping) follow every revision."""

from tests.kb.conftest import make_article
from walletdesk.kb import search_index, services


def df(term: str) -> int:
    return search_index.term_counts([term])[1].get(term, 0)


def test_counts_rise_and_fall_with_the_text(db):
    a = make_article("a", en=("Energy", "Bandwidth and energy."))
    make_article("b", en=("Energy", "Energy only."))
    assert (df("energi"), df("bandwidth")) == (2, 1)
    draft = services.TranslationDraft(language="en", title="Energy", body="Energy again.")
    services.revision_create(article=a, draft=draft, author=None)
    assert (df("energi"), df("bandwidth")) == (2, 0)


def test_a_word_is_counted_once_per_translation(db):
    make_article("a", en=("Energy", "Energy, energy, energy."))
    assert df("energi") == 1
