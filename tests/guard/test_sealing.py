"""guard.sealing: what is sealed comes back whole, is unreadable without the key, takes a new
nonce each time, opens under a rotated key kept in SECRET_KEY_FALLBACKS, and anything not
sealed passes through unchanged (rows stored before)."""

import pytest

from walletdesk.guard.sealing import Unsealable, is_sealed, seal, unseal

ANSWER = {"number": "WD-2026-000001", "access_token": "tok-Secret_123", "status": "new"}


def test_a_sealed_value_comes_back_whole_and_hides_its_content():
    sealed = seal(ANSWER)
    assert is_sealed(sealed) and list(sealed) == ["sealed"]
    assert "tok-Secret_123" not in repr(sealed) and "WD-2026" not in repr(sealed)
    assert unseal(sealed) == ANSWER
    assert seal(ANSWER) != sealed  # a fresh nonce: equal answers do not look equal


def test_values_not_sealed_pass_through():
    for value in (ANSWER, None, [], {"sealed": "plain text"}, "x"):
        assert not is_sealed(value)
        assert unseal(value) == value


def test_a_rotated_key_still_opens_older_seals_and_another_key_does_not(settings):
    sealed = seal(ANSWER)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "another-" + settings.SECRET_KEY
    assert unseal(sealed) == ANSWER
    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(Unsealable):
        unseal(sealed)


def test_an_altered_seal_is_refused():
    sealed = seal(ANSWER)["sealed"]
    flipped = sealed[:-6] + ("A" if sealed[-6] != "A" else "B") + sealed[-5:]
    with pytest.raises(Unsealable):
        unseal({"sealed": flipped})
