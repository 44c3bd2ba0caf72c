"""Property tests: arbitrary text never crashes the redactor; embedded phrases never survive."""

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from mnemonic import Mnemonic

from walletdesk.guard.redaction import MARKERS, SecretKind, redact
from walletdesk.guard.redaction._keys import TX_LABEL_RE

LANGUAGES = sorted(Mnemonic.list_languages())
STRENGTH_BYTES = (16, 20, 24, 28, 32)
WORDLISTS = {language: Mnemonic(language) for language in LANGUAGES}


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_unicode_never_crashes_and_is_stable(text):
    result = redact(text)
    for finding in result.findings:
        assert result.text[finding.start : finding.end] == MARKERS[finding.kind]
    assert redact(result.text).text == result.text


@st.composite
def embedded_phrases(draw):
    language = draw(st.sampled_from(LANGUAGES))
    size = draw(st.sampled_from(STRENGTH_BYTES))
    entropy = draw(st.binary(min_size=size, max_size=size))
    phrase = WORDLISTS[language].to_mnemonic(entropy)
    words = phrase.split(WORDLISTS[language].delimiter)
    before = draw(st.text(max_size=200))
    after = draw(st.text(max_size=200))
    left = draw(st.sampled_from([" ", "\n", ": ", "\n\n"]))
    right = draw(st.sampled_from([" ", "\n", ". ", "\n\n"]))
    return before + left + phrase + right + after, words, WORDLISTS[language].delimiter


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(embedded_phrases())
def test_no_three_words_of_an_embedded_phrase_survive(case):
    text, words, delimiter = case
    result = redact(text)
    assert SecretKind.RECOVERY_PHRASE in {finding.kind for finding in result.findings}
    for i in range(len(words) - 2):
        assert delimiter.join(words[i : i + 3]) not in result.text


@settings(max_examples=100)
@given(st.binary(min_size=32, max_size=32), st.text(max_size=100), st.text(max_size=100))
def test_unlabelled_hex_keys_never_survive(key, before, after):
    value = key.hex()
    assume(not TX_LABEL_RE.search(before) and "/tx" not in before)  # a labelled hash may stay
    result = redact(f"{before} {value} {after}")
    assert value not in result.text
